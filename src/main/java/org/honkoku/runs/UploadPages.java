package org.honkoku.runs;

import java.nio.file.Path;
import java.util.List;

import org.honkoku.store.PageRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The pages of one upload: those the batch registered from the files in its folder (a file that failed as a whole
 * is one failed page; a file whose bytes were transcribed before is not among them, being that earlier page).
 */
@Repository
class UploadPages {

    private static final String UNDER = "p.source_path LIKE ? ESCAPE '\\' AND p.superseded_by IS NULL";

    private final JdbcTemplate jdbc;

    UploadPages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the upload, with its manuscript: the folder's for images, its own for each PDF. */
    record Page(String imageId, int pageNo, String status, String error, long manuscriptId, String manuscript) {

        public boolean failed() {
            return PageRepository.FAILED.equals(status);
        }
    }

    /** How far the upload's pages are: every page the batch registered, and those done and failed. */
    record Counts(int total, int done, int failed) {
    }

    List<Page> pages(Path folder) {
        return jdbc.query("""
                SELECT p.image_id, p.page_no, p.status, p.error, m.id, m.name
                FROM page p JOIN manuscript m ON m.id = p.manuscript_id
                WHERE %s ORDER BY p.source_path, p.page_no""".formatted(UNDER),
                (rs, i) -> new Page(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6)), pattern(folder));
    }

    Counts counts(Path folder) {
        return jdbc.queryForObject("""
                SELECT COUNT(*), COUNT(CASE WHEN p.status = ? THEN 1 END), COUNT(CASE WHEN p.status = ? THEN 1 END)
                FROM page p WHERE %s""".formatted(UNDER),
                (rs, i) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3)),
                PageRepository.DONE, PageRepository.FAILED, pattern(folder));
    }

    /** Everything inside the folder, its name's {@code _} and {@code %} taken literally. */
    private static String pattern(Path folder) {
        String literal = folder.toString().replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
        return literal + folder.getFileSystem().getSeparator() + "%";
    }
}
