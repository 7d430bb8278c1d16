package org.honkoku.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pages of a TIFF, read from its image file directories without decoding any pixels. Archives deliver a
 * volume as one multi-page TIFF as often as a PDF; decoded as one image only its first page would be read and
 * the rest silently left out. A directory marked as a reduced-resolution copy (a thumbnail) is no page. The
 * chain of directories is walked with every offset checked: one that points back to a directory already read
 * (a loop, which sent Java's own TIFF reader seeking for 20 s) or outside the file is a broken TIFF.
 */
final class TiffPages {

    /** A page: its directory's position in the file's chain (what OpenCV's multi-page decoding counts) and size. */
    record Page(int directory, int width, int height) {
    }

    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int SHORT = 3;
    private static final int LONG = 4;

    /** Reads {@code length} bytes at {@code position}; fewer where the file ends. */
    interface Source {
        ByteBuffer read(long position, int length) throws IOException;

        long size() throws IOException;
    }

    private TiffPages() {
    }

    static List<Page> of(byte[] bytes, int maxPages) {
        return read(new Source() {
            @Override
            public ByteBuffer read(long position, int length) {
                int from = (int) Math.min(position, bytes.length);
                return ByteBuffer.wrap(bytes, from, Math.min(length, bytes.length - from)).slice();
            }

            @Override
            public long size() {
                return bytes.length;
            }
        }, maxPages);
    }

    static List<Page> of(Path file, int maxPages) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new Source() {
                @Override
                public ByteBuffer read(long position, int length) throws IOException {
                    ByteBuffer b = ByteBuffer.allocate(length);
                    while (b.hasRemaining() && channel.read(b, position + b.position()) > 0) {
                        // positional reads until the buffer is full or the file ends
                    }
                    return b.flip();
                }

                @Override
                public long size() throws IOException {
                    return channel.size();
                }
            }, maxPages);
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }

    /**
     * @param maxPages more pages than this are refused ({@code honkoku.limits.max-pdf-pages})
     * @return the pages in file order, at least one
     */
    static List<Page> read(Source source, int maxPages) {
        try {
            ByteBuffer head = source.read(0, 8);
            if (head.remaining() < 8) {
                throw new BadInputException("broken TIFF: the file ends inside its header");
            }
            ByteOrder order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            long size = source.size();
            long offset = Integer.toUnsignedLong(head.order(order).getInt(4));
            List<Page> pages = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int directory = 0; offset != 0; directory++) {
                if (directory > 2 * maxPages + 16) {
                    throw new BadInputException("TIFF has too many directories: more than " + directory);
                }
                if (!seen.add(offset)) {
                    throw new BadInputException("broken TIFF: its chain of pages loops back to the directory at byte "
                            + offset);
                }
                ByteBuffer count = source.read(offset, 2).order(order);
                if (offset < 8 || count.remaining() < 2) {
                    throw new BadInputException("broken TIFF: a page directory at byte " + offset
                            + " lies outside the file (" + size + " bytes)");
                }
                int entries = Short.toUnsignedInt(count.getShort(0));
                ByteBuffer ifd = source.read(offset + 2, entries * 12 + 4).order(order);
                if (ifd.remaining() < entries * 12 + 4) {
                    throw new BadInputException("broken TIFF: the file ends inside the page directory at byte "
                            + offset);
                }
                int width = 0;
                int height = 0;
                long subfileType = 0;
                for (int e = 0; e < entries; e++) {
                    int at = e * 12;
                    int tag = Short.toUnsignedInt(ifd.getShort(at));
                    int type = Short.toUnsignedInt(ifd.getShort(at + 2));
                    long value = type == SHORT ? Short.toUnsignedInt(ifd.getShort(at + 8))
                            : type == LONG ? Integer.toUnsignedLong(ifd.getInt(at + 8)) : -1;
                    switch (tag) {
                        case IMAGE_WIDTH -> width = (int) Math.min(Integer.MAX_VALUE, value);
                        case IMAGE_LENGTH -> height = (int) Math.min(Integer.MAX_VALUE, value);
                        case NEW_SUBFILE_TYPE -> subfileType = value;
                        default -> {
                        }
                    }
                }
                if ((subfileType & 1) == 0) {
                    if (pages.size() == maxPages) {
                        throw new BadInputException("TIFF has too many pages: more than " + maxPages
                                + " (honkoku.limits.max-pdf-pages)");
                    }
                    pages.add(new Page(directory, width, height));
                }
                offset = Integer.toUnsignedLong(ifd.getInt(entries * 12));
            }
            if (pages.isEmpty()) {
                throw new BadInputException("TIFF has no pages");
            }
            return pages;
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }
}
