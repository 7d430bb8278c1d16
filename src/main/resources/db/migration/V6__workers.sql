-- Remote partitioning (./honkoku worker): the worker processes that take partitions of a run from the broker,
-- with a heartbeat, as job_run has it for the processes that run jobs. A worker is taken for dead when its
-- process is gone from this host or its heartbeat is older than the lease; the manager then gives the pages
-- it held back to the queue (PageClaims.recoverFromDeadWorkers).
CREATE TABLE worker (
    id               VARCHAR(100)   PRIMARY KEY,
    host             VARCHAR(255)   NOT NULL,
    pid              BIGINT         NOT NULL,
    process_started  TIMESTAMP,
    broker           VARCHAR(1000)  NOT NULL,
    threads          INT            NOT NULL,
    started_at       TIMESTAMP      NOT NULL,
    heartbeat_at     TIMESTAMP      NOT NULL,
    ended_at         TIMESTAMP
);

-- Which worker of a distributed run holds (or transcribed) the page: all the workers of one run claim for the
-- same job execution, so the claim's fencing compares the worker too. NULL for a run in one process.
ALTER TABLE page ADD COLUMN claimed_worker VARCHAR(100);
