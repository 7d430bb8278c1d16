package org.honkoku.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.honkoku.classify.Candidate;
import org.honkoku.classify.Prediction;
import org.honkoku.store.StoredBox;
import org.junit.jupiter.api.Test;

/** The look-alike vote on made-up embeddings: who gets a say, and how much. */
class MemoryReaderTest {

    private static final MemoryReader READER = new MemoryReader(10, 0.1, 1.0, 0.5);
    /** The classifier says さ (calibrated 0.6), き second. */
    private static final Prediction SA = new Prediction(List.of(new Candidate("U+3055", 0.7f),
            new Candidate("U+304D", 0.2f), new Candidate("U+3061", 0.05f)), 0.6);

    private static float[] vector(double... v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static GlyphMemory memory(MemoryGlyph... glyphs) {
        return new GlyphMemory(List.of(glyphs), 7);
    }

    @Test
    void aReviewedNearCopyTurnsADoubtfulReading() {
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+304D", vector(1, 0, 0)));
        Prediction read = READER.read(SA, vector(2, 0.05, 0), memory, 0);
        assertThat(read.best().label()).isEqualTo("U+304D");
        assertThat(read.confidence()).isBetween(0.5, 0.7);
        double sum = read.top().stream().mapToDouble(Candidate::probability).sum();
        assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-6);
    }

    @Test
    void aGlyphThatDoesNotLookAlikeHasNoSay() {
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+304D", vector(0, 1, 0)),
                new MemoryGlyph(2, 1, "U+304D", vector(0.5, 1, 0)));
        Prediction read = READER.read(SA, vector(1, 0, 0), memory, 0);
        assertThat(read.best().label()).isEqualTo("U+3055");
        assertThat(read.confidence()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void agreeingLookalikesRaiseTheConfidenceAndTheBoxItselfIsLeftOut() {
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+3055", vector(1, 0, 0)),
                new MemoryGlyph(2, 1, "U+304D", vector(1, 0.01, 0)));
        Prediction agreed = READER.read(SA, vector(1, 0, 0), memory(memory.glyphs().get(0)), 0);
        assertThat(agreed.best().label()).isEqualTo("U+3055");
        assertThat(agreed.confidence()).isGreaterThan(0.75);
        // box 2 is the box being read: its own review is not a look-alike of itself
        Prediction self = READER.read(SA, vector(1, 0.01, 0), memory(memory.glyphs().get(1)), 2);
        assertThat(self).isSameAs(SA);
    }

    @Test
    void noCharacterVotesLowerTheConfidenceButNeverDeleteTheBox() {
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, StoredBox.DELETED, vector(1, 0, 0)),
                new MemoryGlyph(2, 1, StoredBox.DELETED, vector(1, 0.02, 0)));
        Prediction read = READER.read(SA, vector(1, 0.01, 0), memory, 0);
        assertThat(read.top()).extracting(Candidate::label).doesNotContain(StoredBox.DELETED);
        assertThat(read.best().label()).isEqualTo("U+3055");
        assertThat(read.confidence()).isLessThan(0.3);
    }

    @Test
    void aVoteOutsideTheCandidatesCountsLess() {
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+3042", vector(1, 0, 0)));
        Prediction full = new MemoryReader(10, 0.1, 1.0, 1.0).read(SA, vector(1, 0, 0), memory, 0);
        Prediction half = READER.read(SA, vector(1, 0, 0), memory, 0);
        assertThat(full.best().label()).isEqualTo("U+3042");
        assertThat(half.top().stream().filter(c -> c.label().equals("U+3042")).findFirst().orElseThrow().probability())
                .isLessThan(full.best().probability());
    }

    @Test
    void aPagesBoxesFindTheSameNeighboursTogetherAsOneByOne() {
        java.util.Random random = new java.util.Random(5);
        List<MemoryGlyph> glyphs = new java.util.ArrayList<>();
        for (int g = 0; g < 300; g++) {
            float[] v = new float[64];
            for (int d = 0; d < v.length; d++) {
                v[d] = random.nextFloat();
            }
            glyphs.add(new MemoryGlyph(g + 1, 1, "U+" + Integer.toHexString(0x3042 + g % 40).toUpperCase(), v));
        }
        GlyphMemory memory = new GlyphMemory(glyphs, 1);
        List<float[]> boxes = new java.util.ArrayList<>();
        for (int b = 0; b < 20; b++) {
            boxes.add(b == 3 ? null : glyphs.get(b * 7).vector());
        }
        long[] except = new long[20];
        except[5] = glyphs.get(35).boxId(); // box 5 is glyph 35 itself: left out of its own neighbours
        List<List<Neighbour>> together = memory.nearest(boxes, 10, except);
        assertThat(together.get(3)).isEmpty();
        for (int b = 0; b < 20; b++) {
            if (b == 3) {
                continue;
            }
            List<Neighbour> alone = memory.nearest(boxes.get(b), 10, except[b]);
            assertThat(together.get(b)).extracting(Neighbour::boxId)
                    .containsExactlyElementsOf(alone.stream().map(Neighbour::boxId).toList());
        }
        assertThat(together.get(0).get(0).boxId()).as("a glyph's nearest is itself").isEqualTo(1);
        assertThat(together.get(5)).extracting(Neighbour::boxId).doesNotContain(glyphs.get(35).boxId());
    }

    @Test
    void settingsAreParsedAndChecked() {
        assertThat(MemoryReader.parse("k=3,tau=0.2").toString())
                .isEqualTo("k=3,tau=0.2,beta=0.3,outside=0.5,steps=50,rate=0.1,pull=0.01,keep=0.8");
        assertThat(MemoryReader.parse("steps=20,pull=0.1").head())
                .isEqualTo(new ManuscriptHead.Settings(20, ManuscriptHead.RATE, 0.1));
        assertThat(MemoryReader.parse("").toString()).isEqualTo(new MemoryReader().toString());
        assertThatThrownBy(() -> MemoryReader.parse("k=-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryReader.parse("steps=-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryReader.parse("rate=0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryReader.parse("keep=1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MemoryReader.parse("gamma=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReadingTheNetworkWasSureOfIsKept() {
        Prediction sure = new Prediction(SA.top(), 0.85);
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+304D", vector(1, 0, 0)),
                new MemoryGlyph(2, 1, "U+304D", vector(1, 0.01, 0)));
        MemoryReader keeping = MemoryReader.parse("beta=0.3,keep=0.8");
        assertThat(keeping.read(sure, vector(1, 0, 0), memory, 0)).isSameAs(sure);
        assertThat(keeping.read(SA, vector(1, 0, 0), memory, 0).best().label()).as("a doubtful one turns")
                .isEqualTo("U+304D");
        assertThat(MemoryReader.parse("beta=0.3,keep=1").read(sure, vector(1, 0, 0), memory, 0).best().label())
                .isEqualTo("U+304D");
        // a reading the memory agrees with takes the memory's confidence
        Prediction agreed = keeping.read(sure, vector(1, 0, 0), memory(new MemoryGlyph(3, 1, "U+3055",
                vector(1, 0, 0))), 0);
        assertThat(agreed.confidence()).isGreaterThan(0.85);
    }

    @Test
    void aPageKeepsTheReadingsTheNetworkWasSureOf() {
        // the page as transcribe and reread --adapt read it: the network's own readings given, no head
        Prediction sure = new Prediction(SA.top(), 0.85);
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+304D", vector(1, 0, 0)));
        List<org.honkoku.segment.CharBox> boxes = List.of(new org.honkoku.segment.CharBox(0, 0, 0, 0, 10, 10),
                new org.honkoku.segment.CharBox(0, 1, 0, 10, 10, 10));
        List<float[]> vectors = List.of(vector(1, 0, 0), vector(1, 0, 0));
        List<Prediction> network = List.of(sure, SA);
        List<Prediction> kept = new PageReader(null, MemoryReader.parse("keep=0.8"))
                .read(boxes, network, network, vectors, null, memory, null);
        assertThat(kept.get(0)).isSameAs(sure);
        assertThat(kept.get(1).best().label()).isEqualTo("U+304D");
        List<Prediction> free = new PageReader(null, MemoryReader.parse("keep=1"))
                .read(boxes, network, network, vectors, null, memory, null);
        assertThat(free.get(0).best().label()).isEqualTo("U+304D");
    }

    @Test
    void kZeroSwitchesTheVoteOff() {
        GlyphMemory memory = memory(new MemoryGlyph(1, 1, "U+304D", vector(1, 0, 0)));
        assertThat(READER.read(SA, vector(1, 0, 0), memory, 0).best().label()).isEqualTo("U+304D");
        MemoryReader off = MemoryReader.parse("k=0");
        assertThat(off.read(SA, vector(1, 0, 0), memory, 0)).isSameAs(SA);
        PageReader page = new PageReader(null, off);
        assertThat(page.vote(List.of(SA), List.of(vector(1, 0, 0)), null, memory)).containsExactly(SA);
    }

    @Test
    void storedEmbeddingsKeepTheirDirectionAndLength() {
        float[] v = new float[512];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * (i % 3 == 0 ? 0 : 4); // post-ReLU: non-negative, many zeros
        }
        byte[] stored = Embeddings.encode(v);
        assertThat(stored).hasSize(512);
        float[] back = Embeddings.decode(stored, Embeddings.norm(v));
        assertThat(Embeddings.cosine(v, back)).isGreaterThan(0.999);
        assertThat(Embeddings.norm(back)).isCloseTo(Embeddings.norm(v), org.assertj.core.data.Offset.offset(1e-3));
        assertThatThrownBy(() -> Embeddings.dot(v, new float[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
