package org.honkoku.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TruthCsvTest {

    @Test
    void readsTheSampleTruthGroupedByImage() {
        Map<String, List<TruthBox>> truth = TruthCsv.read(Path.of("samples/truth.csv"));
        assertEquals(148, truth.get("hnsd001-011").size());
        assertEquals(new TruthBox("100241706_00004_2", "U+81EA", 1852, 1736, 104, 219),
                truth.get("100241706_00004_2").get(0));
    }
}
