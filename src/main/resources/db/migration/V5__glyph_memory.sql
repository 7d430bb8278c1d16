-- The glyph memory (org.honkoku.memory). One schema for H2 and PostgreSQL.

-- What the machine read of a box before the memory had its say, and the box's embedding: the classifier's last
-- hidden layer, a unit vector stored as one signed byte per dimension (org.honkoku.memory.Embeddings), under the
-- model that made it. A reviewed box's row is its entry in the glyph memory of its manuscript (the reading is the
-- box's reviewed one); an unreviewed box's row is what it is read again from when the memory grows. A box whose
-- outline changes loses its row (the embedding is made again from the page when it is needed).
CREATE TABLE box_reading (
    box_id           BIGINT        NOT NULL PRIMARY KEY REFERENCES box (id) ON DELETE CASCADE,
    model_version    VARCHAR(128)  NOT NULL,
    embedding        BYTEA         NOT NULL,
    embedding_norm   REAL          NOT NULL,  -- the activations' length (the embedding is their direction)
    base             VARCHAR(256)  NOT NULL,  -- candidates before the memory, as box.alternatives
    base_confidence  REAL          NOT NULL   -- the calibrated confidence before the memory
);

-- The newest review action (review_action.id) of the memory a page's unreviewed boxes were last read with:
-- reread --adapt reads a page again once its manuscript has a newer one.
ALTER TABLE page ADD COLUMN memory_seen BIGINT NOT NULL DEFAULT 0;
