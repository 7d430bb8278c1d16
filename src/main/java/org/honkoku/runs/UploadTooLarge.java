package org.honkoku.runs;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An upload over Spring's multipart limits (set in application.properties from honkoku's own file size limit) is
 * refused before any controller sees it: back to the runs page with a message, not a white error page. The upload
 * form sends its CSRF token in its URL, so that the token is read even when the body is refused.
 */
@ControllerAdvice
class UploadTooLarge {

    private final Uploads uploads;

    UploadTooLarge(Uploads uploads) {
        this.uploads = uploads;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(MaxUploadSizeExceededException e, RedirectAttributes flash) {
        flash.addFlashAttribute("refused", "The upload is too large: a file may be at most " + uploads.maxFile()
                + " (honkoku.limits.max-file-bytes), an upload at most " + uploads.maxUpload()
                + " in all (honkoku.uploads.max-bytes). Nothing was uploaded.");
        return "redirect:/admin/runs";
    }
}
