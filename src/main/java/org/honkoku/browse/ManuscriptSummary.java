package org.honkoku.browse;

/** A manuscript with its progress over all its pages. */
public record ManuscriptSummary(long id, String name, String sourcePath, String kind, int pages, int done,
                                int failed, int characters, int reviewed, double meanConfidence) {
}
