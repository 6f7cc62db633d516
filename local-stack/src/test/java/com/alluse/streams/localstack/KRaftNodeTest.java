package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KRaftNodeTest {

    @Test
    void shouldPointABrokerAtItsControllerOnLoopback() {
        KRaftNode broker = KRaftNode.broker(2, 100, 19_093);

        assertThat(broker.role()).isEqualTo(KRaftNode.Role.BROKER);
        assertThat(broker.nodeId()).isEqualTo(2);
        assertThat(broker.controllerQuorumVoters()).isEqualTo("100@127.0.0.1:19093");
    }

    @Test
    void shouldGiveEachRoleItsProcessRolesAndListeners() {
        assertThat(KRaftNode.Role.COMBINED.processRoles()).isEqualTo("broker,controller");
        assertThat(KRaftNode.Role.CONTROLLER.hasBroker()).isFalse();
        assertThat(KRaftNode.Role.CONTROLLER.hasController()).isTrue();
        assertThat(KRaftNode.Role.BROKER.hasBroker()).isTrue();
        assertThat(KRaftNode.Role.BROKER.hasController()).isFalse();
    }

    @Test
    void shouldRejectABrokerWithoutVotersAndAControllerWithThem() {
        assertThatThrownBy(() -> new KRaftNode(KRaftNode.Role.BROKER, 1, null))
                .hasMessageContaining("a broker-only node needs controllerQuorumVoters");
        assertThatThrownBy(() -> new KRaftNode(KRaftNode.Role.BROKER, 1, "127.0.0.1:9093"))
                .hasMessageContaining("id@host:port");
        assertThatThrownBy(() -> new KRaftNode(KRaftNode.Role.CONTROLLER, 100, "100@127.0.0.1:9093"))
                .hasMessageContaining("controllerQuorumVoters must be null");
        assertThatThrownBy(() -> KRaftNode.controller(-1)).hasMessageContaining("nodeId must not be negative");
    }
}
