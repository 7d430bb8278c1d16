package org.honkoku;

import java.time.Duration;

import org.honkoku.ingest.InputLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Spring side of honkoku: the database, the batch jobs and the commands that use them. */
@SpringBootApplication
public class HonkokuApplication {

    /** The limits against hostile input ({@code honkoku.limits.*}); also part of {@link ExportApplication}. */
    @Configuration(proxyBeanMethods = false)
    public static class Limits {

        @Bean
        InputLimits inputLimits(@Value("${honkoku.limits.max-file-bytes}") long maxFileBytes,
                                @Value("${honkoku.limits.max-pixels}") long maxPixels,
                                @Value("${honkoku.limits.pdf-dpi}") int pdfDpi,
                                @Value("${honkoku.limits.max-pdf-pages}") int maxPdfPages,
                                @Value("${honkoku.limits.page-time}") Duration pageTime) {
            return new InputLimits(maxFileBytes, maxPixels, pdfDpi, maxPdfPages, pageTime);
        }
    }
}
