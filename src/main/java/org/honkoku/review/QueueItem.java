package org.honkoku.review;

/** A box in the review queue, with the page it is on. */
record QueueItem(ReviewBox box, String imageId) {
}
