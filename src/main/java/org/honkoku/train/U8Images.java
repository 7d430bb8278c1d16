package org.honkoku.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;

/** Reads the datasets' {@code images.u8.gz} (N square images of unsigned bytes) and {@code labels.txt}. */
final class U8Images {

    private U8Images() {
    }

    static List<String> labels(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("labels.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Streams the images through {@code sink}, decoding only those {@code keep} accepts, so the 566 MB of
     * Kuzushiji-Kanji never sits in memory whole.
     */
    static void read(Path gz, int side, int count, IntPredicate keep, ImageSink sink) throws IOException {
        int bytes = side * side;
        try (InputStream raw = Files.newInputStream(gz);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            byte[] skip = new byte[bytes];
            for (int i = 0; i < count; i++) {
                if (keep.test(i)) {
                    byte[] image = new byte[bytes];
                    in.readFully(image);
                    sink.accept(i, image);
                } else {
                    in.readFully(skip);
                }
            }
        } catch (EOFException e) {
            throw new IOException(gz + " holds fewer than " + count + " images of " + side + "x" + side, e);
        }
    }

    interface ImageSink {
        void accept(int index, byte[] image);
    }
}
