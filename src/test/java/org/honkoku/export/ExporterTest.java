package org.honkoku.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import org.honkoku.store.PageTranscription;
import org.honkoku.store.StoredBox;
import org.junit.jupiter.api.Test;

/** The exports of a known small input, exactly. */
class ExporterTest {

    /** Two columns: the right one reads いろ, the left one は then a rare character; a reviewer fixed ろ. */
    private static final List<PageTranscription> PAGES = List.of(
            new PageTranscription("book", "page_001", List.of(
                    new StoredBox(0, 0, 200, 10, 40, 50, "U+3044", 0.91f, null),
                    new StoredBox(0, 1, 200, 70, 40, 50, "U+308B", 0.40f, "U+308D"),
                    new StoredBox(1, 0, 100, 12, 41, 51, "U+306F", 0.77f, null),
                    new StoredBox(1, 1, 100, 80, 40, 40, "rare", 0.55f, null))),
            new PageTranscription("book", "empty_page", List.of()));

    @Test
    void textHasOneLinePerColumnInReadingOrder() throws IOException {
        assertThat(export("text")).isEqualTo("""
                # page_001
                いろ
                は〓

                # empty_page

                """);
    }

    @Test
    void kaggleHasCentresAndLeavesOutRare() throws IOException {
        assertThat(export("kaggle")).isEqualTo("""
                image_id,labels
                page_001,U+3044 220 35 U+308D 220 95 U+306F 120 37
                empty_page,
                """);
    }

    @Test
    void csvHasEveryBoxWithReviewFlag() throws IOException {
        assertThat(export("csv")).isEqualTo("""
                image_id,column,order,x,y,w,h,unicode,char,confidence,reviewed
                page_001,0,0,200,10,40,50,U+3044,い,0.9100,false
                page_001,0,1,200,70,40,50,U+308D,ろ,0.4000,true
                page_001,1,0,100,12,41,51,U+306F,は,0.7700,false
                page_001,1,1,100,80,40,40,rare,〓,0.5500,false
                """);
    }

    @Test
    void reviewedOnlyTextMarksUncheckedCharacters() throws IOException {
        assertThat(export("text", true)).isEqualTo("""
                # page_001
                〓ろ
                〓〓

                # empty_page

                """);
    }

    @Test
    void reviewedOnlyCsvHasOnlyCheckedRows() throws IOException {
        assertThat(export("csv", true)).isEqualTo("""
                image_id,column,order,x,y,w,h,unicode,char,confidence,reviewed
                page_001,0,1,200,70,40,50,U+308D,ろ,0.4000,true
                """);
    }

    @Test
    void reviewedOnlyIsRefusedWhereItMeansNothing() {
        assertThatThrownBy(() -> Exporter.forFormat("kaggle", true)).hasMessageContaining("text and csv");
    }

    @Test
    void unknownFormatIsRefused() {
        assertThatThrownBy(() -> Exporter.forFormat("docx")).hasMessageContaining("unknown export format");
    }

    private static String export(String format) throws IOException {
        return export(format, false);
    }

    private static String export(String format, boolean reviewedOnly) throws IOException {
        StringWriter out = new StringWriter();
        Exporter.forFormat(format, reviewedOnly).write(PAGES, out);
        return out.toString();
    }
}
