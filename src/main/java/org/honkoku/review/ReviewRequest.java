package org.honkoku.review;

/**
 * One review action as the browser sends it.
 *
 * @param version the box's version the reviewer saw: if someone changed the box since, nothing is saved
 * @param value   for SET: a label ({@code U+XXXX}, {@code rare}) or the character itself
 */
public record ReviewRequest(ReviewAction action, Integer version, String value) {
}
