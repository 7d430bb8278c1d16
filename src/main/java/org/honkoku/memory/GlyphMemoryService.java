package org.honkoku.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.honkoku.batch.PipelineComponents;
import org.honkoku.browse.PageImages;
import org.honkoku.browse.ProgressRepository;
import org.honkoku.classify.Candidate;
import org.honkoku.classify.Classifier;
import org.honkoku.classify.Prediction;
import org.honkoku.classify.RecognitionScorer;
import org.honkoku.search.SearchIndex;
import org.honkoku.segment.CharBox;
import org.honkoku.store.StoredPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The glyph memory at work: reads boxes with it (transcribe, reread --adapt), reads a manuscript's look-alikes again
 * after a correction, and makes the embeddings of reviewed boxes the current model has none of (reviewed before the
 * memory existed, outlined by a person, or read by another model) from their pages. Reviewed boxes are never
 * changed here: every update is conditional on the box being unreviewed and at the version that was read.
 */
@Service
public class GlyphMemoryService {

    private static final Logger log = LoggerFactory.getLogger(GlyphMemoryService.class);
    /** A box less similar (cosine) to a decided glyph than this is not its look-alike, whatever else changed. */
    static final double LOOKALIKE_SIMILARITY = 0.5;
    public static final int MAX_LOOKALIKES = 100;
    /** Reviewed glyphs embedded at most in one go (their scans are loaded): the rest at the next use. */
    static final int EMBED_AT_ONCE = 1000;

    private final MemoryRepository repository;
    private final LookalikeIndex index;
    private final PipelineComponents pipeline;
    private final ProgressRepository pages;
    private final PageImages images;
    private final MemoryReader reader;
    private final SearchIndex search;
    private final boolean enabled;
    /** The latest memories read, per manuscript, with the key they were read under (model and review versions). */
    private final Map<Long, Map.Entry<String, GlyphMemory>> memories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map.Entry<String, GlyphMemory>> eldest) {
            return size() > 16;
        }
    };
    private PageReader pageReader;
    private String headKey;
    private ManuscriptHead head;

    /** A box of the manuscript whose machine reading a correction changed. */
    public record Lookalike(long boxId, long pageId, int version, String before, String after, double confidence,
                            double similarity) {
    }

    public GlyphMemoryService(MemoryRepository repository, LookalikeIndex index, PipelineComponents pipeline,
                              ProgressRepository pages, PageImages images, SearchIndex search,
                              @Value("${honkoku.memory.enabled:true}") boolean enabled,
                              @Value("${honkoku.memory.settings:}") String settings) {
        this.repository = repository;
        this.index = index;
        this.pipeline = pipeline;
        this.pages = pages;
        this.images = images;
        this.search = search;
        this.enabled = enabled;
        this.reader = MemoryReader.parse(settings);
    }

    private String model() {
        return pipeline.classifier().readingVersion();
    }

    /**
     * The memory a box of the manuscript is read with, its reviewed glyphs without an embedding of the current model
     * embedded first ({@link #embedMissing}, up to {@link #EMBED_AT_ONCE}).
     */
    public GlyphMemory memoryFor(long manuscriptId) {
        return memoryFor(manuscriptId, true);
    }

    /**
     * The memory a box of the manuscript is read with. Kept for the next page while neither the manuscript's nor the
     * archive's newest review changes (a page of a long book does not load its memory again).
     *
     * @param embed whether to embed reviewed glyphs that have no embedding of the current model first (which loads
     *              their scans; the batch does not, so that a page's time limit is its own: {@code reread --adapt} and
     *              the review UI do)
     */
    private GlyphMemory memoryFor(long manuscriptId, boolean embed) {
        String model = model();
        // glyphs just embedded are not in a memory kept from before
        boolean embedded = embed && embedMissing(manuscriptId) > 0;
        String key = model + "|" + repository.version(manuscriptId) + "|" + repository.version(null);
        synchronized (memories) {
            var cached = memories.get(manuscriptId);
            if (!embedded && cached != null && cached.getKey().equals(key)) {
                return cached.getValue();
            }
        }
        GlyphMemory memory = repository.memoryFor(manuscriptId, model);
        if (embed && memory.isArchive() && embedMissing(null) > 0) {
            memory = repository.memoryFor(manuscriptId, model);
        }
        synchronized (memories) {
            memories.put(manuscriptId, Map.entry(key, memory));
        }
        return memory;
    }

    /** The head fitted to a memory, cached while the memory stays the same. */
    private synchronized ManuscriptHead headFor(GlyphMemory memory) {
        String key = model() + "|" + memory.version() + "|" + memory.size() + "|" + memory.glyphs().stream()
                .mapToLong(MemoryGlyph::manuscriptId).min().orElse(0);
        if (!key.equals(headKey)) {
            head = pageReader().head(memory.newest(ManuscriptHead.MAX_GLYPHS));
            headKey = key;
        }
        return head;
    }

    private synchronized PageReader pageReader() {
        if (pageReader == null) {
            pageReader = new PageReader(pipeline.classifier(), reader);
        }
        return pageReader;
    }

    /**
     * A page's readings without the memory ({@code base}, in context and calibrated) and with it, and the version of the
     * memory they were read with (0: none).
     */
    public record Adapted(List<Prediction> base, List<Prediction> predictions, long memoryVersion) {
    }

    /**
     * A page being transcribed, read with its manuscript's memory.
     *
     * @param boxes      the page's boxes in reading order
     * @param alone      each read alone by the shipped network
     * @param embeddings each box's embedding
     */
    public Adapted readPage(long pageId, List<CharBox> boxes, List<Prediction> alone, List<float[]> embeddings) {
        List<Prediction> base = RecognitionScorer.readInContext(pipeline.classifier(), boxes, alone);
        if (!enabled) {
            return new Adapted(base, base, 0);
        }
        GlyphMemory memory = memoryFor(repository.manuscriptOf(pageId), false);
        ManuscriptHead h = headFor(memory);
        // without a head of its own the page in context is the base: it is not read in context a second time
        return new Adapted(base, pageReader().read(boxes, alone, base, embeddings, null, memory, h), memory.version());
    }

    /**
     * After a person decided box {@code boxId}: the unreviewed boxes of its manuscript that look like it and now read
     * differently with the memory's look-alike vote. Their new machine readings are stored (each version moves on),
     * so the queue ranks them anew; the list says what changed, for the reviewer to accept. (The manuscript's head is
     * fitted again by {@code reread --adapt}, which reads whole pages.)
     */
    public List<Lookalike> afterReview(long boxId) {
        if (!enabled) {
            return List.of();
        }
        Long pageId = repository.pageOf(boxId);
        if (pageId == null) {
            return List.of();
        }
        long manuscript = repository.manuscriptOf(pageId);
        GlyphMemory memory = memoryFor(manuscript);
        float[] target = memory.glyphs().stream().filter(g -> g.boxId() == boxId).map(MemoryGlyph::vector)
                .findFirst().orElse(null);
        if (target == null) {
            return List.of();
        }
        List<Lookalike> changed = new ArrayList<>();
        List<Long> near = index.near(manuscript, model(), Embeddings.unit(target), LOOKALIKE_SIMILARITY - 0.02);
        near.remove(Long.valueOf(boxId));
        for (int from = 0; from < near.size(); from += 500) {
            List<Long> part = near.subList(from, Math.min(near.size(), from + 500));
            String ids = String.join(",", part.stream().map(String::valueOf).toList());
            for (MemoryRepository.MemoryBox box : repository.boxes(model(),
                    "p.manuscript_id = ? AND b.reviewed IS NULL AND b.id IN (" + ids + ")", manuscript)) {
                if (box.embedding() == null) {
                    continue;
                }
                double similarity = Embeddings.cosine(target, box.embedding());
                if (similarity < LOOKALIKE_SIMILARITY) {
                    continue;
                }
                Prediction now = reader.read(box.base(), box.embedding(), memory, box.id());
                if (now.best().label().equals(box.predicted())) {
                    continue;
                }
                if (repository.reread(box, now)) {
                    changed.add(new Lookalike(box.id(), box.pageId(), box.version() + 1, box.predicted(),
                            now.best().label(), now.confidence(), similarity));
                }
            }
        }
        // the pages whose machine readings changed are searched as they read now
        changed.stream().map(Lookalike::pageId).distinct().forEach(search::reindex);
        changed.sort(Comparator.comparingDouble(Lookalike::similarity).reversed());
        return changed.size() > MAX_LOOKALIKES ? changed.subList(0, MAX_LOOKALIKES) : changed;
    }

    /** The manuscripts whose source is one of the (absolute) paths or lies under one of them. */
    public List<Long> manuscriptsUnder(List<String> paths) {
        return repository.manuscriptsUnder(paths);
    }

    /** What {@link #adapt} did. */
    public record AdaptReport(int pages, int boxesChanged, int embedded) {
    }

    /**
     * {@code reread --adapt}: every page whose memory has grown since it was read (of the given manuscripts, or all)
     * read again from its boxes' embeddings with the manuscript's head, context and look-alike vote; only unreviewed
     * boxes are written. Boxes without an embedding of the current model (pages another model read) are left to
     * {@code reread}.
     */
    public AdaptReport adapt(List<Long> manuscripts) {
        String model = model();
        int embedded = 0;
        for (int made = embedMissing(null); made > 0; made = embedMissing(null)) {
            embedded += made;
        }
        Map<Long, GlyphMemory> memories = new HashMap<>();
        int pagesRead = 0;
        int changed = 0;
        for (MemoryRepository.PageBehind page : repository.pagesBehind(manuscripts)) {
            GlyphMemory memory = memories.computeIfAbsent(page.manuscriptId(), m -> repository.memoryFor(m, model));
            if (memory.version() <= page.memorySeen() || memory.isEmpty()) {
                continue;
            }
            List<MemoryRepository.MemoryBox> boxes = repository.boxes(model, "p.id = ?", page.pageId());
            List<Prediction> alone = new ArrayList<>();
            List<Prediction> network = new ArrayList<>();
            List<float[]> embeddings = new ArrayList<>();
            long[] ids = new long[boxes.size()];
            for (int i = 0; i < boxes.size(); i++) {
                MemoryRepository.MemoryBox b = boxes.get(i);
                ids[i] = b.id();
                boolean known = b.machineRead() && b.embedding() != null;
                // a box with an embedding is read from it by the head; a person's reading stands in the context as
                // certain; a box with no embedding keeps its reading
                alone.add(b.machineRead() ? stored(b) : Prediction.certain(b.reviewed()));
                // what the guard keeps: the network's own reading as transcribe stored it, not the memory's last one
                network.add(known && b.base() != null ? b.base() : alone.get(i));
                embeddings.add(known ? b.embedding() : null);
            }
            // the stored readings are in context already: without a head of its own the page is read from the
            // embeddings by the shipped one, so that context is applied once
            ManuscriptHead h = headFor(memory);
            List<Prediction> now = pageReader().read(boxes.stream().map(MemoryRepository.MemoryBox::box).toList(),
                    alone, network, embeddings, ids, memory, h != null ? h : pageReader().shippedHead());
            int changedHere = 0;
            for (int i = 0; i < boxes.size(); i++) {
                MemoryRepository.MemoryBox b = boxes.get(i);
                if (embeddings.get(i) == null) {
                    continue;
                }
                Prediction p = now.get(i);
                boolean differs = !p.best().label().equals(b.predicted()) || Math.abs(p.confidence() - b.confidence()) > 1e-4;
                if (differs && repository.reread(b, p)) {
                    changedHere++;
                }
            }
            if (changedHere > 0) {
                search.reindex(page.pageId());
            }
            changed += changedHere;
            repository.markRead(page.pageId(), memory.version());
            pagesRead++;
        }
        return new AdaptReport(pagesRead, changed, embedded);
    }

    private static Prediction stored(MemoryRepository.MemoryBox b) {
        return new Prediction(List.of(new Candidate(b.predicted(), b.confidence())), b.confidence());
    }

    /**
     * Embeds the reviewed boxes (of one manuscript, or all) that have no embedding of the current model, at most
     * {@link #EMBED_AT_ONCE}, from their pages' images; a page whose scan is gone is logged and skipped (its glyphs stay
     * out of the memory).
     *
     * @return how many were embedded
     */
    public int embedMissing(Long manuscriptId) {
        Classifier classifier = pipeline.classifier();
        List<MemoryRepository.MissingBox> missing = repository.missing(classifier.readingVersion(), manuscriptId,
                EMBED_AT_ONCE);
        Map<Long, List<MemoryRepository.MissingBox>> byPage = new LinkedHashMap<>();
        for (MemoryRepository.MissingBox box : missing) {
            byPage.computeIfAbsent(box.pageId(), p -> new ArrayList<>()).add(box);
        }
        int made = 0;
        for (var page : byPage.entrySet()) {
            StoredPage source = pages.source(page.getKey()).orElse(null);
            if (source == null) {
                continue;
            }
            try {
                List<CharBox> outlines = new ArrayList<>();
                for (MemoryRepository.MissingBox b : page.getValue()) {
                    outlines.add(new CharBox(0, outlines.size(), b.x(), b.y(), b.w(), b.h()));
                }
                // embedded as transcribe embeds a box (a mark beside the character left out where that reads surer),
                // so that a glyph's embedding under a new model is what reading its page with that model gives
                Classifier.Read read = new RecognitionScorer(classifier, images.page(source))
                        .readAloneWithEmbeddings(outlines);
                for (int i = 0; i < outlines.size(); i++) {
                    repository.saveReading(page.getValue().get(i).id(), classifier.readingVersion(),
                            read.embeddings().get(i), read.predictions().get(i));
                    made++;
                }
            } catch (RuntimeException e) {
                log.warn("glyph memory: the reviewed boxes of page {} cannot be embedded ({}); they stay out of the"
                        + " memory until they can", page.getKey(), e.getMessage());
            }
        }
        return made;
    }
}
