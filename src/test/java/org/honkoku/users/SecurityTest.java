package org.honkoku.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.honkoku.WebAppTest;
import org.honkoku.review.ReviewBox;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

/** Sign-in, CSRF and roles, through the real filter chain against users in the database. */
class SecurityTest extends WebAppTest {

    @Test
    void nothingIsServedToSomeoneSignedOut() throws Exception {
        long page = pageId(SAMPLE);
        long manuscript = manuscriptId(SAMPLE);
        long box = untouchedBox(page).id();
        for (String url : List.of("/", "/manuscripts/" + manuscript, "/pages/" + page, "/pages/" + page + "/image",
                "/boxes/" + box + "/crop", "/boxes/" + box + "/context", "/queue", "/api/queue", "/api/boxes/" + box,
                "/manuscripts/" + manuscript + "/export.zip", "/manuscripts/" + manuscript + "/export/text",
                "/pages/" + page + "/export/page", "/pages/" + page + "/export/alto", "/admin/audit", "/admin/users",
                "/review.js", "/page.js")) {
            mvc.perform(get(url)).andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
        }
        // the sign-in page and its style sheet are the only exceptions
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/app.css")).andExpect(status().isOk());
    }

    @Test
    void aSignedOutReviewChangesNothingEvenWithAToken() throws Exception {
        ReviewBox box = untouchedBox(pageId(SAMPLE));
        mvc.perform(post("/api/boxes/{id}/review", box.id()).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"ACCEPT\",\"version\":" + box.version() + "}"))
                .andExpect(status().isFound()).andExpect(redirectedUrlPattern("**/login"));
        assertThat(boxes.find(box.id()).orElseThrow().reviewed()).isNull();
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() throws Exception {
        mvc.perform(formLogin("/login").user("bob").password("not the password"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user("mallory").password(PASSWORD))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void signingInWithoutTheFormsTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", "bob").param("password", PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void everyChangeNeedsTheCsrfToken() throws Exception {
        MockHttpSession bob = signIn("bob");
        ReviewBox box = untouchedBox(pageId(SAMPLE));
        String body = "{\"action\":\"ACCEPT\",\"version\":" + box.version() + "}";
        // no token, and a made-up one: refused, nothing stored
        mvc.perform(post("/api/boxes/{id}/review", box.id()).session(bob).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/boxes/{id}/review", box.id()).session(bob).header("X-CSRF-TOKEN", "forged")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/lookup").session(bob).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(bob)).andExpect(status().isForbidden());
        assertThat(boxes.find(box.id()).orElseThrow().reviewed()).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM review_action WHERE box_id = ?", Integer.class, box.id()))
                .isZero();

        // the token the page view carries is the one that works (as the review script sends it)
        String html = mvc.perform(get("/pages/{id}", box.pageId()).session(bob)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher token = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(html);
        assertThat(token.find()).isTrue();
        mvc.perform(post("/api/boxes/{id}/review", box.id()).session(bob).header("X-CSRF-TOKEN", token.group(1))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
        assertThat(boxes.find(box.id()).orElseThrow().reviewedBy()).isEqualTo("bob");
    }

    @Test
    void theReviewLogAndUserListAreForAdminsOnly() throws Exception {
        MockHttpSession bob = signIn("bob");
        MockHttpSession alice = signIn("alice");
        for (String url : List.of("/admin/audit", "/admin/users")) {
            mvc.perform(get(url).session(bob)).andExpect(status().isForbidden());
            mvc.perform(get(url).session(alice)).andExpect(status().isOk());
        }
        // both may review
        mvc.perform(get("/queue").session(bob)).andExpect(status().isOk());
        mvc.perform(get("/queue").session(alice)).andExpect(status().isOk());
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        MockHttpSession carol = signIn("carol");
        mvc.perform(get("/").session(carol)).andExpect(status().isOk());
        mvc.perform(post("/logout").session(carol).with(csrf())).andExpect(redirectedUrl("/login?signedOut"));
        mvc.perform(get("/").session(carol)).andExpect(status().isFound());
    }

    @Test
    void scansAreNotLeftInTheBrowsersCache() throws Exception {
        // a cached scan would still show after signing out (the browser test found this)
        MockHttpSession bob = signIn("bob");
        long page = pageId(SAMPLE);
        long box = untouchedBox(page).id();
        for (String url : List.of("/pages/" + page + "/image", "/boxes/" + box + "/crop", "/boxes/" + box + "/context")) {
            mvc.perform(get(url).session(bob)).andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")));
        }
    }

    @Test
    void passwordsAreStoredHashed() {
        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = 'bob'", String.class);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
    }
}
