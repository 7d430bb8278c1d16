package org.honkoku.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a source file into its pages: hashes its bytes (the page identity) and, for a PDF or a multi-page TIFF,
 * counts its pages (each named {@code <file name>_p001} and on, as a PDF's). Nothing is decoded here beyond what
 * a PDF's page count needs; images are checked when read.
 */
public final class SourceInspector {

    private final InputLimits limits;

    public SourceInspector(InputLimits limits) {
        this.limits = limits;
    }

    public List<PageRef> inspect(SourceFile file) {
        if (file.problem() != null) {
            throw new BadInputException(file.problem());
        }
        if (file.kind() == null) {
            throw new BadInputException("unsupported file type: " + file.path().getFileName()
                    + " (expected jpg, png, tif, jp2 or pdf)");
        }
        checkReadable(file.path());
        long size = sizeOf(file);
        if (size == 0) {
            throw new BadInputException("empty file (0 bytes)");
        }
        if (size > limits.maxFileBytes()) {
            throw new BadInputException("file too large: " + size + " bytes, limit " + limits.maxFileBytes()
                    + " (honkoku.limits.max-file-bytes)");
        }
        if (file.isPdf()) {
            PdfSource.checkHeader(file.path());
        }
        String sha256 = sha256(file);
        int pages = file.isPdf() ? PdfSource.pageCount(file.path(), limits)
                : isTiff(file.path()) ? TiffPages.of(file.path(), limits.maxPdfPages()).size() : 1;
        if (!file.isPdf() && pages == 1) {
            return List.of(new PageRef(file, sha256, size, 1, file.baseName()));
        }
        List<PageRef> refs = new ArrayList<>(pages);
        for (int p = 1; p <= pages; p++) {
            refs.add(new PageRef(file, sha256, size, p, pageId(file, p)));
        }
        return refs;
    }

    /** The image id of page {@code pageNo} of a file of several pages (a PDF, a multi-page TIFF). */
    static String pageId(SourceFile file, int pageNo) {
        return String.format("%s_p%03d", file.baseName(), pageNo);
    }

    /** Whether the page is one of several in its file (as this class names them). */
    static boolean isOneOfMany(PageRef page) {
        return page.source().isPdf() || page.imageId().equals(pageId(page.source(), page.pageNo()));
    }

    /** Whether the file starts as a TIFF does (whatever its name says). */
    private static boolean isTiff(java.nio.file.Path path) {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(magic, 0, 4) == 4 && "TIFF".equals(ImageHeader.formatOf(magic));
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses what must not be opened as a file: reading a named pipe blocks for ever, and a device has no
     * end. Permission is checked too, so that the reason names it (root reads anything: there it passes).
     */
    static void checkReadable(java.nio.file.Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(Files.isDirectory(path) ? "a folder, not a file: " + path.getFileName()
                    : "not a regular file (a named pipe, socket or device): not read");
        }
        if (!Files.isReadable(path)) {
            throw new BadInputException("permission denied: cannot read " + path.getFileName());
        }
    }

    private static long sizeOf(SourceFile file) {
        try {
            return Files.size(file.path());
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }

    public static String sha256(SourceFile file) {
        checkReadable(file.path());
        try (InputStream in = new DigestInputStream(Files.newInputStream(file.path()), newDigest())) {
            in.transferTo(OutputStreamSink.INSTANCE);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read file: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of bytes already read, as {@link #sha256(SourceFile)} gives it for a file. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Discards what it is given; the digest stream sees the bytes on their way through. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
