package org.honkoku.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.honkoku.CommandLine;
import org.honkoku.WebAppTest;
import org.honkoku.ops.JobHistory;
import org.honkoku.ops.JobsCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The runs page through the real filter chain, the real batch job and the shipped model: an upload is saved in a
 * folder of its own and transcribed in the serve process, its bad files failed by the batch's own checks, and the
 * run is in the job history as {@code ./honkoku jobs} lists it; only admins may upload; a file over the size limit
 * and a file name that climbs out of the folder are refused or tamed.
 */
class RunsPageTest extends WebAppTest {

    /** A real page no other web test transcribes (its bytes must be new to the shared database). */
    static final Path PAGE = Path.of("samples/brsk001-009.jpg");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    @Autowired
    JobHistory history;
    @Autowired
    JobsCommand jobs;

    private MockHttpSession alice;

    @BeforeEach
    void signInAsAdmin() throws Exception {
        alice = signIn("alice");
        awaitRunEnd(); // a run from another test (one at a time)
    }

    @Test
    void anUploadIsTranscribedItsBadFilesFailWithTheirReasonsAndJobsListsTheRun() throws Exception {
        byte[] truncated = Files.readAllBytes(Path.of("samples/hnsd001-011.jpg"));
        upload("Upload test", file(PAGE.getFileName().toString(), Files.readAllBytes(PAGE)),
                file("cut-short.jpg", Arrays.copyOf(truncated, truncated.length / 2)),
                file("notes.jpg", "These are my notes, not a scan.\n".getBytes(StandardCharsets.UTF_8)))
                .andExpect(flash().attributeExists("message"));
        JsonNode end = awaitRunEnd();

        Path folder = UPLOADS.resolve("Upload test");
        assertThat(folder.resolve("brsk001-009.jpg")).hasSameBinaryContentAs(PAGE);
        assertThat(end.get("total").asInt()).isEqualTo(3);
        assertThat(end.get("done").asInt()).isEqualTo(1);
        assertThat(end.get("failed").asInt()).isEqualTo(2);
        assertThat(pageStatus(folder.resolve("brsk001-009.jpg"))).isEqualTo("DONE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM box WHERE page_id = ?", Integer.class,
                pageId(folder.resolve("brsk001-009.jpg")))).isPositive();
        assertThat(pageStatus(folder.resolve("cut-short.jpg"))).isEqualTo("FAILED");
        assertThat(error(folder.resolve("cut-short.jpg"))).contains("truncated");
        assertThat(error(folder.resolve("notes.jpg"))).contains("not an image");
        long manuscript = manuscriptId(folder.resolve("brsk001-009.jpg"));
        assertThat(jdbc.queryForObject("SELECT name FROM manuscript WHERE id = ?", String.class, manuscript))
                .isEqualTo("Upload test");

        // the run in the history, as jobs reads and prints it
        long execution = end.get("execution").asLong();
        JobHistory.Run run = history.runs(20).stream().filter(r -> r.summary().executionId() == execution)
                .findFirst().orElseThrow();
        assertThat(run.summary().job()).isEqualTo("transcribe");
        assertThat(run.summary().status().name()).isEqualTo("COMPLETED");
        assertThat(List.of(run.summary().transcribed(), run.summary().failed(), run.summary().newPages()))
                .containsExactly(1, 2, 3);
        assertThat(run.input()).isEqualTo(folder.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jobs.run(CommandLine.parse(List.of(), Set.of("last", "trace"), Set.of("failed")),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.strip().startsWith(execution + " ")).findFirst().orElseThrow())
                .contains("transcribe", "COMPLETED", folder.toString());

        // the page: the run's result with the reasons and a link to the manuscript, and the run in the history
        String html = mvc.perform(get("/admin/runs").session(alice)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(html).contains(run.summary().line(), "truncated", "not an image",
                "href=\"/manuscripts/" + manuscript + "\"", "data-execution=\"" + execution + "\"",
                "3 / 3 pages, 2 failed");
    }

    @Test
    void aReviewerCannotSeeOrUseTheRunsPage() throws Exception {
        MockHttpSession bob = signIn("bob");
        assertThat(mvc.perform(get("/").session(bob)).andReturn().getResponse().getContentAsString())
                .doesNotContain("/admin/runs");
        assertThat(mvc.perform(get("/").session(alice)).andReturn().getResponse().getContentAsString())
                .contains("href=\"/admin/runs\"");
        mvc.perform(get("/admin/runs").session(bob)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/runs/progress").session(bob)).andExpect(status().isForbidden());
        mvc.perform(multipart("/admin/runs").file(file("page.jpg", Files.readAllBytes(PAGE))).param("name", "bobs")
                .session(bob).with(csrf())).andExpect(status().isForbidden());
        assertThat(UPLOADS.resolve("bobs")).doesNotExist();
        // and the admin without the form's token is refused too
        mvc.perform(multipart("/admin/runs").file(file("page.jpg", Files.readAllBytes(PAGE))).param("name", "forged")
                .session(alice)).andExpect(status().isForbidden());
        assertThat(UPLOADS.resolve("forged")).doesNotExist();
    }

    @Test
    void aMultipartBodyIsRefusedUnreadUnlessASignedInAdminSendsItToTheUploadPage() throws Exception {
        byte[] scan = Files.readAllBytes(PAGE);
        // without the gate, Spring Security's CSRF check would have Tomcat save the file first, then send the
        // stranger to the sign-in page
        for (String path : List.of("/admin/runs", "/login", "/pages/1/review")) {
            HttpResponse<String> anonymous = RealHttp.anonymous(port).postFile(path, "name", "stranger", "files",
                    "page.jpg", scan);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(403);
        }
        RealHttp bob = RealHttp.signIn(port, "bob", PASSWORD);
        assertThat(bob.postFile("/admin/runs", "name", "bobs", "files", "page.jpg", scan).statusCode()).isEqualTo(403);
        // an admin's upload elsewhere than the upload page is refused too
        RealHttp admin = RealHttp.signIn(port, "alice", PASSWORD);
        String token = RealHttp.token(admin.get("/admin/runs").body());
        assertThat(admin.postFile("/admin/users?_csrf=" + RealHttp.encode(token), "name", "x", "files", "page.jpg", scan)
                .statusCode()).isEqualTo(403);
        assertThat(UPLOADS.resolve("stranger")).doesNotExist();
        assertThat(UPLOADS.resolve("bobs")).doesNotExist();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithAMessageAndNothingIsSaved() throws Exception {
        byte[] big = new byte[(int) MAX_FILE_BYTES + 1];
        upload("too big", file("big.jpg", big)).andExpect(flash().attribute("refused",
                org.hamcrest.Matchers.containsString("larger than the 64.0 MB a file may be")));
        assertThat(UPLOADS.resolve("too big")).doesNotExist();

        // through Tomcat, Spring's multipart limit refuses it before the controller: the same page, a message
        RealHttp http = RealHttp.signIn(port, "alice", PASSWORD);
        String token = RealHttp.token(http.get("/admin/runs").body());
        HttpResponse<String> refused = http.postFile("/admin/runs?_csrf=" + RealHttp.encode(token), "name",
                "too big over http", "files", "big.jpg", big);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.uri().getPath()).isEqualTo("/admin/runs");
        assertThat(refused.body()).contains("The upload is too large: a file may be at most 64.0 MB");
        assertThat(UPLOADS.resolve("too big over http")).doesNotExist();

        // a kind the batch does not take is refused the same way
        upload("notes", file("notes.txt", "not a scan".getBytes(StandardCharsets.UTF_8)))
                .andExpect(flash().attribute("refused", org.hamcrest.Matchers.containsString("not a scan the batch takes")));
        assertThat(UPLOADS.resolve("notes")).doesNotExist();
    }

    @Test
    void fileAndManuscriptNamesCannotLeaveTheUploadsFolderNorOverwriteAnEarlierUpload() throws Exception {
        byte[] first = bytes("first");
        upload("../../escaped", file("../../escaped.jpg", first), file("..\\..\\windows.jpg", bytes("windows")),
                file("/etc/cron.d/x.jpg", bytes("x"))).andExpect(flash().attributeExists("message"));
        awaitRunEnd();
        upload("../../escaped", file("../../escaped.jpg", bytes("second")))
                .andExpect(flash().attributeExists("message"));
        awaitRunEnd();

        try (Stream<Path> all = Files.walk(UPLOADS.getParent())) {
            assertThat(all.filter(p -> p.getFileName().toString().matches("escaped.*|windows.jpg|x.jpg")))
                    .allMatch(p -> p.startsWith(UPLOADS))
                    .containsExactlyInAnyOrder(UPLOADS.resolve("escaped"), UPLOADS.resolve("escaped/escaped.jpg"),
                            UPLOADS.resolve("escaped/windows.jpg"), UPLOADS.resolve("escaped/x.jpg"),
                            UPLOADS.resolve("escaped-2"), UPLOADS.resolve("escaped-2/escaped.jpg"));
        }
        assertThat(UPLOADS.resolve("escaped/escaped.jpg")).hasContent("first");
        assertThat(UPLOADS.resolve("escaped-2/escaped.jpg")).hasContent("second");
        // and the batch took them for what they are
        for (String saved : List.of("escaped/escaped.jpg", "escaped/windows.jpg", "escaped/x.jpg", "escaped-2/escaped.jpg")) {
            assertThat(error(UPLOADS.resolve(saved))).contains("not an image");
        }
    }

    private org.springframework.test.web.servlet.ResultActions upload(String name, MockMultipartFile... files)
            throws Exception {
        var request = multipart("/admin/runs");
        for (MockMultipartFile f : files) {
            request.file(f);
        }
        return mvc.perform(request.param("name", name).session(alice).with(csrf()))
                .andExpect(redirectedUrl("/admin/runs"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MockMultipartFile file(String name, byte[] content) {
        return new MockMultipartFile("files", name, "application/octet-stream", content);
    }

    /** Polls the page's progress endpoint, as its script does, until no run started there is going. */
    private JsonNode awaitRunEnd() throws Exception {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (true) {
            String json = mvc.perform(get("/admin/runs/progress").session(alice)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            JsonNode progress = new ObjectMapper().readTree(json);
            if (!progress.get("going").asBoolean()) {
                return progress;
            }
            assertThat(System.nanoTime()).as("the run ends within %s", RUN_LIMIT).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private String pageStatus(Path source) {
        return jdbc.queryForObject("SELECT status FROM page WHERE source_path = ?", String.class, source.toString());
    }

    private String error(Path source) {
        return jdbc.queryForObject("SELECT error FROM page WHERE source_path = ?", String.class, source.toString());
    }
}
