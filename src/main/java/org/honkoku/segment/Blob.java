package org.honkoku.segment;

/** One connected piece of ink in analysis pixels: its bounding box, ink pixel count and component label. */
record Blob(int label, int x, int y, int w, int h, int area) {

    int right() {
        return x + w;
    }

    int bottom() {
        return y + h;
    }

    double centreX() {
        return x + w / 2.0;
    }

    double centreY() {
        return y + h / 2.0;
    }
}
