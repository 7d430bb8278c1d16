package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.honkoku.WebAppTest;
import org.honkoku.review.ReviewAction;
import org.honkoku.review.ReviewBox;
import org.honkoku.review.ReviewRequest;
import org.honkoku.review.ReviewService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Exports of real transcribed and reviewed pages, from the download buttons and the command line. */
class ExportDownloadTest extends WebAppTest {

    @Autowired
    ReviewService review;
    @Autowired
    ExportCommand exportCommand;

    @Test
    void pageXmlAndAltoOfAReviewedPageAreValidAndKeepEveryCharacterAndBox() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        ReviewBox box = untouchedBox(page);
        review.apply(box.id(), new ReviewRequest(ReviewAction.SET, box.version(), "U+308F"), "bob");
        List<ReviewBox> stored = boxes.onPage(page);

        byte[] pageXml = download(bob, "/pages/" + page + "/export/page");
        byte[] alto = download(bob, "/pages/" + page + "/export/alto");
        Schemas.validatePage(pageXml);
        Schemas.validateAlto(alto);
        assertSameAsStored(ReadBack.page(pageXml), stored);
        assertSameAsStored(ReadBack.alto(alto), stored);
        assertThat(new String(alto, StandardCharsets.UTF_8)).contains("model honkoku-cnn")
                .containsPattern("checked in the honkoku review UI by [^<]*bob");
        assertThat(new String(pageXml, StandardCharsets.UTF_8)).containsPattern("name=\"review\" type=\"processingStep\" value=\"[^\"]*bob");
    }

    @Test
    void theManuscriptZipHoldsEveryFormatAndTheTextHasTheReviewersReading() throws Exception {
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        ReviewBox box = untouchedBox(page);
        review.apply(box.id(), new ReviewRequest(ReviewAction.SET, box.version(), "U+30F0"), "bob"); // ヰ

        MvcResult started = mvc.perform(get("/manuscripts/{id}/export.zip", manuscriptId(SAMPLE)).session(bob))
                .andExpect(status().isOk()).andReturn();
        MvcResult done = mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("samples.zip")))
                .andReturn();
        Map<String, byte[]> zip = unzip(done.getResponse().getContentAsByteArray());
        assertThat(zip).containsOnlyKeys("transcription.txt", "transcription.csv", "kaggle.csv", "tei.xml",
                "page/100241706_00004_2.xml", "alto/100241706_00004_2.xml");
        TeiSchema.validate(zip.get("tei.xml"));
        assertThat(new String(zip.get("tei.xml"), StandardCharsets.UTF_8)).contains(">ヰ</c>");
        Schemas.validatePage(zip.get("page/100241706_00004_2.xml"));
        Schemas.validateAlto(zip.get("alto/100241706_00004_2.xml"));

        String text = new String(zip.get("transcription.txt"), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(new String(download(bob, "/manuscripts/" + manuscriptId(SAMPLE) + "/export/text"),
                StandardCharsets.UTF_8));
        // the reviewed character sits where the box is in reading order: its column's line, its place in it
        List<ReviewBox> stored = boxes.onPage(page);
        List<String> lines = text.lines().toList();
        List<Integer> columns = stored.stream().map(ReviewBox::column).distinct().toList();
        String line = lines.get(1 + columns.indexOf(box.column()));
        int place = (int) stored.stream().filter(b -> b.column() == box.column() && b.order() < box.order()).count();
        assertThat(line.codePoints().toArray()[place]).isEqualTo('ヰ');

        // reviewed only: the checked characters, the rest written 〓 (text) or left out (csv)
        String reviewedText = new String(download(bob, "/manuscripts/" + manuscriptId(SAMPLE)
                + "/export/text?reviewedOnly=true"), StandardCharsets.UTF_8);
        assertThat(reviewedText.lines().toList().get(1 + columns.indexOf(box.column())).codePoints().toArray()[place])
                .isEqualTo('ヰ');
        long reviewed = stored.stream().filter(ReviewBox::isReviewed).count();
        assertThat(reviewedText.codePoints().filter(c -> c != '〓' && c != '\n').count())
                .isLessThanOrEqualTo(reviewed + "# 100241706_00004_2".length());
        String csv = new String(download(bob, "/manuscripts/" + manuscriptId(SAMPLE) + "/export/csv?reviewedOnly=true"),
                StandardCharsets.UTF_8);
        assertThat(csv.lines().skip(1).count()).isEqualTo(reviewed);
        assertThat(csv.lines().skip(1)).allMatch(row -> row.endsWith(",true"));
    }

    @Test
    void theCommandWritesOneValidFilePerPage(@TempDir Path out) throws Exception {
        // the shared database's pages: the sample in two folders, and those other tests add (the memory's twins)
        int pages = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'DONE' AND superseded_by IS NULL",
                Integer.class);
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(exportCommand.run("page", out.resolve("page").toString(), false)).isEqualTo(pages);
        assertThat(exportCommand.run("alto", out.resolve("alto").toString(), false)).isEqualTo(pages);
        assertThat(out.resolve("page").toFile().list()).hasSize(pages);
        // the two pages share an image id (the same scan in two folders): the second file gets a suffix
        assertThat(out.resolve("page")).isDirectoryContaining("glob:**/100241706_00004_2.xml")
                .isDirectoryContaining("glob:**/100241706_00004_2_2.xml");
        try (var files = Files.list(out.resolve("page"))) {
            for (Path f : files.toList()) {
                Schemas.validatePage(Files.readAllBytes(f));
            }
        }
        try (var files = Files.list(out.resolve("alto"))) {
            for (Path f : files.toList()) {
                Schemas.validateAlto(Files.readAllBytes(f));
            }
        }
        assertThatThrownBy(() -> exportCommand.run("alto", "-", false)).hasMessageContaining("needs a folder");
        assertThatThrownBy(() -> exportCommand.run("page", out.resolve("x").toString(), true))
                .hasMessageContaining("text and csv");
    }

    @Test
    void theCommandWritesOneValidTeiDocumentPerManuscript(@TempDir Path out) throws Exception {
        int pages = jdbc.queryForObject("SELECT COUNT(*) FROM page WHERE status = 'DONE' AND superseded_by IS NULL",
                Integer.class);
        int manuscripts = jdbc.queryForObject("SELECT COUNT(DISTINCT manuscript_id) FROM page"
                + " WHERE status = 'DONE' AND superseded_by IS NULL", Integer.class);
        assertThat(exportCommand.run("tei", out.toString(), false)).isEqualTo(pages);
        assertThat(out.toFile().list()).hasSize(manuscripts).contains("samples.xml", "second-book.xml");
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                TeiSchema.validate(Files.readAllBytes(f));
            }
        }
        // the manuscript's characters, in the order of the text export
        String tei = Files.readString(out.resolve("samples.xml"));
        String text = new String(download(signIn("bob"), "/manuscripts/" + manuscriptId(SAMPLE) + "/export/text"),
                StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("# ")).collect(java.util.stream.Collectors.joining());
        StringBuilder cs = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<c [^>]*>([^<]*)</c>").matcher(tei);
        while (m.find()) {
            cs.append(m.group(1));
        }
        assertThat(cs.toString()).isEqualTo(text);
        assertThatThrownBy(() -> exportCommand.run("tei", "-", false)).hasMessageContaining("needs a folder");
    }

    private static void assertSameAsStored(List<ReadBack.Glyph> read, List<ReviewBox> stored) {
        assertThat(read).hasSize(stored.size());
        List<Integer> columns = stored.stream().map(ReviewBox::column).distinct().toList();
        for (int i = 0; i < stored.size(); i++) {
            ReviewBox b = stored.get(i);
            ReadBack.Glyph g = read.get(i);
            assertThat(g.text()).as("character %d", i).isEqualTo(Labels.character(b.label()));
            assertThat(List.of(g.x(), g.y(), g.w(), g.h())).as("box %d", i).containsExactly(b.x(), b.y(), b.w(), b.h());
            assertThat(g.line()).as("line of %d", i).isEqualTo(columns.indexOf(b.column()));
            assertThat(g.reviewed()).as("reviewed %d", i).isEqualTo(b.isReviewed());
        }
    }

    private byte[] download(MockHttpSession session, String url) throws Exception {
        return mvc.perform(get(url).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
