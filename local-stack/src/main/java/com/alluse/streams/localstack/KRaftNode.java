package com.alluse.streams.localstack;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The KRaft role one embedded server plays, and how it finds the controller quorum.
 *
 * @param role                   combined broker+controller (the single-node default), controller only or broker only
 * @param nodeId                 {@code node.id}; unique across the controllers and brokers of a cluster
 * @param controllerQuorumVoters for a broker only: the quorum's {@code id@127.0.0.1:port} list; a controller (combined
 *                               or not) is its own single voter, derived from its controller port, so null there
 */
public record KRaftNode(Role role, int nodeId, String controllerQuorumVoters) {

    /** The single-node default: one combined server, node 1. */
    public static final KRaftNode SINGLE = new KRaftNode(Role.COMBINED, 1, null);

    private static final Pattern VOTERS = Pattern.compile("\\d+@[^:,]+:\\d+(,\\d+@[^:,]+:\\d+)*");

    /** What a server runs: {@code process.roles}. */
    public enum Role {
        COMBINED("broker,controller"),
        CONTROLLER("controller"),
        BROKER("broker");

        private final String processRoles;

        Role(String processRoles) {
            this.processRoles = processRoles;
        }

        public String processRoles() {
            return processRoles;
        }

        /** Serves clients on a PLAINTEXT listener. */
        public boolean hasBroker() {
            return this != CONTROLLER;
        }

        /** Runs the KRaft controller and listens on a CONTROLLER listener. */
        public boolean hasController() {
            return this != BROKER;
        }
    }

    public KRaftNode {
        Objects.requireNonNull(role, "role");
        if (nodeId < 0) {
            throw new IllegalArgumentException("nodeId must not be negative: " + nodeId);
        }
        if (role == Role.BROKER) {
            if (controllerQuorumVoters == null
                    || !VOTERS.matcher(controllerQuorumVoters).matches()) {
                throw new IllegalArgumentException(
                        "a broker-only node needs controllerQuorumVoters as id@host:port[,...]: "
                                + controllerQuorumVoters);
            }
        } else if (controllerQuorumVoters != null) {
            throw new IllegalArgumentException("a " + role
                    + " node is its own voter; controllerQuorumVoters must be null: " + controllerQuorumVoters);
        }
    }

    /** A controller-only node, the single voter of its cluster. */
    public static KRaftNode controller(int nodeId) {
        return new KRaftNode(Role.CONTROLLER, nodeId, null);
    }

    /** A broker-only node of the cluster whose single controller is {@code controllerId} at {@code controllerPort}. */
    public static KRaftNode broker(int nodeId, int controllerId, int controllerPort) {
        return new KRaftNode(Role.BROKER, nodeId, voter(controllerId, controllerPort));
    }

    /** The {@code controller.quorum.voters} entry of a controller on loopback. */
    static String voter(int controllerId, int controllerPort) {
        return controllerId + "@" + BrokerProperties.HOST + ":" + controllerPort;
    }
}
