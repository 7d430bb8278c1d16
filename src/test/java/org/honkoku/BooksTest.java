package org.honkoku;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BooksTest {

    @Test
    void pagesAreGroupedByTheBookTheirIdNames() {
        assertThat(Books.of("100241706_00004_2")).isEqualTo("100241706");
        assertThat(Books.of("200003076_00005_1")).isEqualTo("200003076");
        assertThat(Books.of("brsk001-009")).isEqualTo("brsk");
        assertThat(Books.of("hnsd011")).isEqualTo("hnsd");
        assertThat(Books.of("umgy004")).isEqualTo("umgy");
        assertThat(Books.of("scan")).isEqualTo("scan"); // an id of no known shape is its own book
    }
}
