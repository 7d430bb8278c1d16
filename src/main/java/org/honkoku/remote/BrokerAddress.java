package org.honkoku.remote;

import java.util.Locale;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Where the partitions of a distributed run travel: an ActiveMQ Artemis broker, given as {@code tcp://HOST:PORT}
 * (or {@code HOST:PORT}), or {@code embedded[:PORT]} for a broker inside the manager's own process, listening on
 * every interface at PORT (default {@value #DEFAULT_PORT}) for the workers of other machines.
 */
public record BrokerAddress(boolean embedded, String url, int port) {

    public static final int DEFAULT_PORT = 61616;
    /** The queue of partition requests: a partition is taken by one worker at a time. */
    public static final String QUEUE = "honkoku.partitions";

    public static BrokerAddress parse(String spec) {
        String s = spec.trim();
        if (s.equalsIgnoreCase("embedded") || s.toLowerCase(Locale.ROOT).startsWith("embedded:")) {
            int port = s.contains(":") ? port(s.substring(s.indexOf(':') + 1)) : DEFAULT_PORT;
            return new BrokerAddress(true, "tcp://127.0.0.1:" + port, port);
        }
        if (!s.contains("://")) {
            s = "tcp://" + s;
        }
        if (!s.startsWith("tcp://")) {
            throw new IllegalArgumentException("--broker takes tcp://HOST:PORT, HOST:PORT or embedded[:PORT], not "
                    + spec);
        }
        String hostPort = s.substring("tcp://".length()).replaceAll("[/?].*$", "");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--broker needs a host and a port: " + spec);
        }
        return new BrokerAddress(false, s, port(hostPort.substring(colon + 1)));
    }

    /** A TCP port number, or a usage error that says what was given. */
    public static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("not a port: " + text);
    }

    /**
     * A JMS connection factory for this broker. A consumer takes one message at a time (no prefetch window), so
     * a partition waits in the queue for the first free worker instead of behind a busy one.
     */
    public ActiveMQConnectionFactory connectionFactory() {
        var factory = new ActiveMQConnectionFactory(url);
        factory.setConsumerWindowSize(0);
        factory.setCallTimeout(10_000);
        return factory;
    }

    /** Connects once and closes again: a broker that cannot be reached is said so here, before any work. */
    public void check() {
        try (var factory = connectionFactory()) {
            factory.setInitialConnectAttempts(3);
            factory.setRetryInterval(500);
            try (var connection = factory.createConnection()) {
                connection.start();
            }
        } catch (Exception e) {
            throw new BrokerUnreachableException("cannot reach the broker at " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return embedded ? "embedded broker on port " + port : url;
    }

    /** The broker named on the command line does not answer. */
    public static class BrokerUnreachableException extends RuntimeException {
        BrokerUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
