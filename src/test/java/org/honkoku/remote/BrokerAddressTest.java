package org.honkoku.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/** The broker as the command line names it, and a partition request as it travels on the broker. */
class BrokerAddressTest {

    @Test
    void embeddedAndTcpBrokersAreParsedAndNonsenseIsRefused() {
        assertThat(BrokerAddress.parse("embedded")).isEqualTo(new BrokerAddress(true, "tcp://127.0.0.1:61616", 61616));
        assertThat(BrokerAddress.parse("embedded:7000").port()).isEqualTo(7000);
        assertThat(BrokerAddress.parse("broker.example.org:61617"))
                .isEqualTo(new BrokerAddress(false, "tcp://broker.example.org:61617", 61617));
        assertThat(BrokerAddress.parse("tcp://10.0.0.5:61616?sslEnabled=true").port()).isEqualTo(61616);
        assertThatThrownBy(() -> BrokerAddress.parse("amqp://host:5672")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrokerAddress.parse("host")).hasMessageContaining("a host and a port");
        assertThatThrownBy(() -> BrokerAddress.parse("embedded:99999")).hasMessageContaining("not a port");
    }

    @Test
    void aPartitionRequestTravelsAsALineOfTextAndAnythingElseIsRefused() {
        var request = new StepExecutionRequest("transcribeWorker", 12L, 345L);
        String line = PartitionRequests.format(request);
        assertThat(line).isEqualTo("12 345 transcribeWorker");
        StepExecutionRequest back = PartitionRequests.parse(line);
        assertThat(back.getJobExecutionId()).isEqualTo(12L);
        assertThat(back.getStepExecutionId()).isEqualTo(345L);
        assertThat(back.getStepName()).isEqualTo("transcribeWorker");
        assertThatThrownBy(() -> PartitionRequests.parse("\u00ac\u00ed\u0000\u0005sr java.util.HashMap"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a partition request");
        assertThatThrownBy(() -> PartitionRequests.parse("12 transcribeWorker"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
