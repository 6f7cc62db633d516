package com.alluse.streams.http;

import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;

/**
 * Where a command sits on the commands topic, {@code <partition>:<offset>}. A query carrying it is
 * answered only by a store that has processed that position: read-your-writes.
 */
public record ConsistencyToken(int partition, long offset) {
    public static ConsistencyToken parse(String token) {
        int colon = token == null ? -1 : token.indexOf(':');
        if (colon <= 0) {
            throw ApiProblem.badRequest("consistency token must be <partition>:<offset>, got " + token);
        }
        try {
            ConsistencyToken parsed = new ConsistencyToken(
                    Integer.parseInt(token.substring(0, colon)), Long.parseLong(token.substring(colon + 1)));
            if (parsed.partition < 0 || parsed.offset < 0) {
                throw ApiProblem.badRequest("consistency token must not be negative: " + token);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("consistency token must be <partition>:<offset>, got " + token);
        }
    }

    public PositionBound bound(String commandsTopic) {
        return PositionBound.at(Position.emptyPosition().withComponent(commandsTopic, partition, offset));
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
