package org.honkoku.search;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * {@code ./honkoku search TEXT [--from N]}: the hits as {@code /search} shows them, one line each — manuscript,
 * page, column, and the keyword-in-context line with the hit in brackets — then a line that counts them.
 */
@Component
public class SearchCommand {

    private final Search search;
    private final SearchBackfill backfill;

    SearchCommand(Search search, SearchBackfill backfill) {
        this.search = search;
        this.backfill = backfill;
    }

    public int run(List<String> words, int from, PrintStream out, PrintStream err) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("search needs the text to find");
        }
        backfill.run();
        SearchResult result = search.find(String.join("", words), from, Search.PAGE);
        for (Hit h : result.hits()) {
            out.println(h.manuscript() + "\t" + h.imageId() + "\tcolumn " + h.column() + "\t" + h.before() + "【"
                    + h.match() + "】" + h.after());
        }
        int last = from + result.hits().size();
        err.println("search: " + (result.more() ? "more than " + last : String.valueOf(last)) + " hits for "
                + result.query() + (result.more() ? " (the next with --from " + last + ")" : ""));
        return 0;
    }
}
