-- Search across all transcriptions (org.honkoku.search). One schema for H2 and PostgreSQL.
-- Japanese has no spaces between words, so the index is of characters, not words: every position of a page's text
-- with its character and the bigram that starts there, both as integers (code points), so that both databases
-- compare them the same way whatever their collation. Kept true by rebuilding a page's rows in the transaction
-- that changes its boxes; pages with no rows yet (an archive from before this migration) are indexed when the
-- review UI or ./honkoku search starts (org.honkoku.search.SearchBackfill).

-- A page's text as search reads it: the boxes in reading order, a person's reading winning over the machine's,
-- deleted boxes left out, rare as 〓; with the box and the column of every character (comma-separated, one per
-- code point of text), for the keyword-in-context lines and for highlighting a hit on the page.
CREATE TABLE search_text (
    page_id        BIGINT          NOT NULL PRIMARY KEY REFERENCES page (id),
    manuscript_id  BIGINT          NOT NULL,
    text           VARCHAR(100000) NOT NULL,
    box_ids        VARCHAR(1000000) NOT NULL,
    column_nos     VARCHAR(1000000) NOT NULL
);

-- The postings: one row per character of search_text. ch is its code point, gram the bigram that starts there
-- (ch * 1114112 + the next code point, or + 0 at the end of the page), so a query of two or more characters reads
-- the postings of its rarest bigram and checks the others by position, and a query of one character reads ch.
-- manuscript_id is the page's, so that both lookups return hits in the order shown (manuscript, page, place)
-- straight from the index, and a query that stops after the first 200 reads no more than that.
CREATE TABLE search_gram (
    page_id        BIGINT  NOT NULL REFERENCES page (id),
    pos            INT     NOT NULL,
    manuscript_id  BIGINT  NOT NULL,
    ch             INT     NOT NULL,
    gram           BIGINT  NOT NULL,
    PRIMARY KEY (page_id, pos)
);
CREATE INDEX search_gram_bigram ON search_gram (gram, manuscript_id, page_id, pos);
CREATE INDEX search_gram_char ON search_gram (ch, manuscript_id, page_id, pos);
