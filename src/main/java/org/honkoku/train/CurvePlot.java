package org.honkoku.train;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws {@code learning-curve.csv} as a PNG: validation accuracies (left axis, 0–1) and the training loss
 * (right axis) against training minutes.
 */
final class CurvePlot {

    static final String PNG = "learning-curve.png";
    private static final int W = 900;
    private static final int H = 480;
    private static final int LEFT = 60;
    private static final int RIGHT = 60;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;
    private static final String[] SERIES = {"kkanji_val", "kmnist_val", "synthetic_val", "k49", "book_named",
            "book_rare_recall"};
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0xd62728), new Color(0x8c564b)};

    private CurvePlot() {
    }

    static void write(Path csv, Path png) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = List.of(lines.get(0).split(","));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] r = new double[header.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = i < f.length ? parse(f[i]) : Double.NaN;
            }
            rows.add(r);
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int secondsCol = header.indexOf("train_seconds");
        int lossCol = header.indexOf("train_loss");
        double maxMinutes = 1e-9;
        double maxLoss = 1e-9;
        for (double[] r : rows) {
            maxMinutes = Math.max(maxMinutes, r[secondsCol] / 60);
            if (!Double.isNaN(r[lossCol])) {
                maxLoss = Math.max(maxLoss, r[lossCol]);
            }
        }
        axes(g, maxMinutes, maxLoss);
        int legendY = TOP + 14;
        for (int s = 0; s < SERIES.length; s++) {
            int col = header.indexOf(SERIES[s]);
            if (col >= 0) {
                line(g, rows, secondsCol, col, maxMinutes, 1.0, COLORS[s]);
                legend(g, SERIES[s], COLORS[s], legendY);
                legendY += 16;
            }
        }
        line(g, rows, secondsCol, lossCol, maxMinutes, maxLoss, Color.GRAY);
        legend(g, "train_loss (right axis)", Color.GRAY, legendY);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void axes(Graphics2D g, double maxMinutes, double maxLoss) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
        for (int i = 0; i <= 10; i += 2) {
            int y = y(i / 10.0, 1.0);
            g.drawString(String.format(Locale.ROOT, "%.1f", i / 10.0), LEFT - 30, y + 4);
            g.drawString(String.format(Locale.ROOT, "%.1f", maxLoss * i / 10.0), W - RIGHT + 6, y + 4);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(LEFT + 1, y, W - RIGHT - 1, y);
            g.setColor(Color.BLACK);
        }
        for (int i = 0; i <= 5; i++) {
            int x = x(maxMinutes * i / 5, maxMinutes);
            g.drawString(String.format(Locale.ROOT, "%.0f", maxMinutes * i / 5), x - 8, H - BOTTOM + 16);
        }
        g.drawString("training minutes", W / 2 - 50, H - 12);
        g.drawString("validation top-1", 4, TOP - 10);
    }

    private static void line(Graphics2D g, List<double[]> rows, int xCol, int yCol, double maxX, double maxY, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (double[] r : rows) {
            if (Double.isNaN(r[yCol])) {
                px = -1;
                continue;
            }
            int x = x(r[xCol] / 60, maxX);
            int y = y(r[yCol], maxY);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 2, y - 2, 5, 5);
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, String name, Color c, int y) {
        g.setColor(c);
        g.fillRect(LEFT + 10, y - 8, 18, 4);
        g.setColor(Color.BLACK);
        g.drawString(name, LEFT + 34, y - 2);
    }

    private static int x(double minutes, double maxMinutes) {
        return LEFT + (int) Math.round((W - LEFT - RIGHT) * minutes / maxMinutes);
    }

    private static int y(double value, double max) {
        return H - BOTTOM - (int) Math.round((H - TOP - BOTTOM) * Math.min(1, Math.max(0, value / max)));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
