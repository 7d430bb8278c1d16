package org.honkoku.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names an upload's folder and files get: what a browser or a person sends, made safe to write. */
class UploadsTest {

    @Test
    void namesKeepLettersOfAnyScriptAndLoseWhatCouldLeadElsewhere() {
        assertThat(Uploads.safe("源氏物語 巻三")).isEqualTo("源氏物語 巻三");
        assertThat(Uploads.safe("../../etc/passwd")).isEqualTo("etc-passwd");
        assertThat(Uploads.safe("..")).isEmpty();
        assertThat(Uploads.safe(".hidden.jpg")).isEqualTo("hidden.jpg");
        assertThat(Uploads.safe("-rf page.jpg")).isEqualTo("rf page.jpg");
        assertThat(Uploads.safe("a:b*c?.tif")).isEqualTo("a-b-c-.tif");
        assertThat(Uploads.safe("trailing dot. ")).isEqualTo("trailing dot");
        assertThat(Uploads.safe("x".repeat(150) + ".jpeg")).hasSize(100).endsWith("x.jpeg");
    }
}
