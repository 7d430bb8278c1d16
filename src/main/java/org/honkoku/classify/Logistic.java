package org.honkoku.classify;

import java.util.Arrays;

/**
 * L2-regularised logistic regression, the first feature of every row being the bias (1), which is not penalised.
 * {@link #newton} for a few features (exact, a handful of steps); {@link #gradient} for hundreds of them, where
 * Newton's d×d system per step would cost more than the fit is worth.
 */
final class Logistic {

    private Logistic() {
    }

    static double[] newton(double[][] x, boolean[] y, double l2) {
        int d = x.length == 0 ? 1 : x[0].length;
        double[] w = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int j = 1; j < d; j++) {
                gradient[j] = l2 * w[j];
                hessian[j][j] = l2;
            }
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(dot(w, x[i]));
                double r = p - (y[i] ? 1 : 0);
                double s = Math.max(1e-9, p * (1 - p));
                for (int a = 0; a < d; a++) {
                    gradient[a] += r * x[i][a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += s * x[i][a] * x[i][b];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                hessian[j][j] += 1e-9;
            }
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int j = 0; j < d; j++) {
                w[j] -= step[j];
                size = Math.max(size, Math.abs(step[j]));
            }
            if (size < 1e-7) {
                break;
            }
        }
        return w;
    }

    /**
     * Full-batch gradient descent with Nesterov momentum on the mean loss plus {@code l2/2 |w|²} (bias unpenalised).
     * Meant for standardised features, where a fixed step of 0.5 is stable; {@code steps} of a few hundred converge.
     *
     * @param weight each row's weight in the loss (its classes balanced, for instance)
     */
    static double[] gradient(double[][] x, boolean[] y, double[] weight, double l2, int steps) {
        int d = x.length == 0 ? 1 : x[0].length;
        double total = 0;
        for (double v : weight) {
            total += v;
        }
        double[] w = new double[d];
        double[] velocity = new double[d];
        double rate = 0.5;
        double momentum = 0.9;
        for (int step = 0; step < steps; step++) {
            double[] ahead = new double[d];
            for (int j = 0; j < d; j++) {
                ahead[j] = w[j] + momentum * velocity[j];
            }
            double[] g = new double[d];
            for (int i = 0; i < x.length; i++) {
                double r = weight[i] * (sigmoid(dot(ahead, x[i])) - (y[i] ? 1 : 0)) / total;
                double[] row = x[i];
                for (int j = 0; j < d; j++) {
                    g[j] += r * row[j];
                }
            }
            for (int j = 1; j < d; j++) {
                g[j] += l2 * ahead[j];
            }
            for (int j = 0; j < d; j++) {
                velocity[j] = momentum * velocity[j] - rate * g[j];
                w[j] += velocity[j];
            }
        }
        return w;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[j];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting: a x = b. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
