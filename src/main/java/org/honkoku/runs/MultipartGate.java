package org.honkoku.runs;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Refuses a multipart request before anything reads its body, unless it is an upload to {@code /admin/runs} from a
 * signed-in admin. Spring Security's CSRF check reads the form's parameters, and for a multipart body that makes
 * Tomcat save every file to temporary disk: without this gate anyone who reaches the port could make the server
 * write gigabytes before being turned away. Runs before Spring Security's filters, so it reads the session's
 * security context itself; the rest of the checks (role, CSRF token) still follow as for any request.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 1)
class MultipartGate extends OncePerRequestFilter {

    static final String UPLOAD_PATH = "/admin/runs";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                && !(UPLOAD_PATH.equals(path(request)) && signedInAdmin(request))) {
            // the body is left unread; Tomcat closes the connection rather than swallow a large one. A plain
            // answer, not sendError: the error page is behind the sign-in, which would turn this into a redirect.
            response.setHeader("Connection", "close");
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("uploads are for signed-in admins, at " + UPLOAD_PATH + "\n");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static boolean signedInAdmin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (!(context instanceof SecurityContext security) || security.getAuthentication() == null) {
            return false;
        }
        Authentication who = security.getAuthentication();
        return who.isAuthenticated() && who.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
