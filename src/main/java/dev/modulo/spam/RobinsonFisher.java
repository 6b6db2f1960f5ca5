package dev.modulo.spam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gary Robinson's spam scoring: each word's probability, smoothed towards 0.5 for rarely seen
 * words, combined with Fisher's method (inverse chi-square) into one indicator between 0 (ham)
 * and 1 (spam), 0.5 meaning "cannot tell".
 */
final class RobinsonFisher {

    /** Strength of the 0.5 prior for a word seen n times: f = (S·X + n·p) / (S + n). */
    static final double S = 1.0;
    static final double X = 0.5;
    /** Words whose probability is closer than this to 0.5 say nothing and are left out. */
    static final double MIN_DEVIATION = 0.1;
    static final int MAX_DISCRIMINATORS = 150;

    private RobinsonFisher() {
    }

    /** Counts of one word: messages of each kind it appeared in. */
    record Counts(long spam, long ham) {
    }

    static double wordProbability(Counts counts, long spamMessages, long hamMessages) {
        double spamRatio = counts.spam() / (double) Math.max(spamMessages, 1);
        double hamRatio = counts.ham() / (double) Math.max(hamMessages, 1);
        long n = counts.spam() + counts.ham();
        if (n == 0 || spamRatio + hamRatio == 0) {
            return X;
        }
        double p = spamRatio / (spamRatio + hamRatio);
        return (S * X + n * p) / (S + n);
    }

    static double score(List<Counts> words, long spamMessages, long hamMessages) {
        List<Double> probabilities = new ArrayList<>();
        for (Counts counts : words) {
            double f = wordProbability(counts, spamMessages, hamMessages);
            if (Math.abs(f - 0.5) >= MIN_DEVIATION) {
                probabilities.add(f);
            }
        }
        probabilities.sort(Comparator.comparingDouble(f -> -Math.abs(f - 0.5)));
        List<Double> used = probabilities.subList(0, Math.min(MAX_DISCRIMINATORS, probabilities.size()));
        if (used.isEmpty()) {
            return 0.5;
        }
        double sumLnNotSpam = 0;
        double sumLnSpam = 0;
        for (double f : used) {
            sumLnNotSpam += Math.log(Math.max(1 - f, 1e-300));
            sumLnSpam += Math.log(Math.max(f, 1e-300));
        }
        int n = used.size();
        // Evidence for spam is large when many words are far from ham (1 - f small), and vice versa.
        double spamEvidence = 1 - inverseChiSquare(-2 * sumLnNotSpam, 2 * n);
        double hamEvidence = 1 - inverseChiSquare(-2 * sumLnSpam, 2 * n);
        return (1 + spamEvidence - hamEvidence) / 2;
    }

    /** The probability that a chi-square variable with {@code degrees} (even) degrees of freedom exceeds {@code chi}. */
    static double inverseChiSquare(double chi, int degrees) {
        double m = chi / 2;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < degrees / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }
}
