package org.honkoku.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.honkoku.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker in a honkoku process, security off, a TCP acceptor on every interface so that
 * workers on other machines reach it. The manager's own ({@code --broker embedded[:PORT]}) is in memory: a
 * run's partition requests are not kept across a restart of the manager, which makes them anew. A standalone one
 * ({@code ./honkoku broker}) outlives managers and keeps its messages on disk. For users and TLS, run Apache's
 * Artemis distribution instead (jobs/README.md).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedActiveMQ server;
    private final Path dir;
    private final boolean temporary;

    private EmbeddedBroker(EmbeddedActiveMQ server, Path dir, boolean temporary) {
        this.server = server;
        this.dir = dir;
        this.temporary = temporary;
    }

    /** A broker in memory, for the manager's own process. */
    public static EmbeddedBroker start(int port) throws Exception {
        return start(port, null);
    }

    /**
     * A broker on {@code port}; with {@code dataDir}, a standalone one ({@code ./honkoku broker}) that keeps its
     * messages there (journal, bindings), so that the requests of a run survive a restart of the broker.
     */
    public static EmbeddedBroker start(int port, Path dataDir) throws Exception {
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("honkoku-broker") : Files.createDirectories(dataDir);
        Configuration config = new ConfigurationImpl();
        config.setBrokerInstance(dir.toFile());
        config.setPersistenceEnabled(!temporary)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setPagingDirectory(dir.resolve("paging").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setJournalDirectory(dir.resolve("journal").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .addAcceptorConfiguration("tcp", "tcp://0.0.0.0:" + port)
                // a request delivered ten times without an acknowledgement (a partition that kills every worker
                // that takes it) is set aside, not delivered for ever (the manager's WorkerWatch then fails it)
                .addAddressSetting(BrokerAddress.QUEUE, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(BrokerAddress.QUEUE + ".dead"))
                        .setAutoCreateDeadLetterResources(true)
                        .setExpiryAddress(SimpleString.of(BrokerAddress.QUEUE + ".expired"))
                        .setAutoCreateExpiryResources(true))
                .addAddressConfiguration(new CoreAddressConfiguration().setName(BrokerAddress.QUEUE)
                        .addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(BrokerAddress.QUEUE)
                                .setRoutingType(RoutingType.ANYCAST)));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        try {
            server.start();
        } catch (Exception e) {
            if (temporary) {
                delete(dir);
            }
            throw new IllegalStateException("cannot start the embedded broker on port " + port + ": " + e.getMessage(),
                    e);
        }
        log.info("{} broker listening on port {}: workers start with ./honkoku worker --broker tcp://{}:{}",
                temporary ? "embedded" : "standalone", port, org.honkoku.ops.RunRegistry.HOST, port);
        return new EmbeddedBroker(server, dir, temporary);
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            if (temporary) {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try {
            Folders.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            log.debug("broker folder {} not removed: {}", dir, e.getMessage());
        }
    }
}
