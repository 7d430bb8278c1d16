-- The review queue hands each reviewer characters nobody else is looking at: the items served to a
-- reviewer are held for them (a lease) until it runs out, and the queue of every other reviewer skips
-- them meanwhile. Taking a lease is a conditional update or an insert on the primary key, so two
-- reviewers asking at the same moment never hold the same character. A lapsed lease stays until it is
-- taken again or its box goes (at most one row per box). One schema for H2 and PostgreSQL.
CREATE TABLE queue_lease (
    box_id    BIGINT       NOT NULL PRIMARY KEY REFERENCES box (id) ON DELETE CASCADE,
    username  VARCHAR(64)  NOT NULL,
    until     TIMESTAMP    NOT NULL
);
