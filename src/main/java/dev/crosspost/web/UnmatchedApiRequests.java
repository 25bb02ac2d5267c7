package dev.crosspost.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The API's error body for requests that Spring MVC refuses before any controller is chosen: a body type no
 * operation consumes (415), an {@code Accept} that no operation produces (406, the live stream), a method the path
 * does not take (405), a path that does not exist (404). {@link ApiErrors} only sees what reaches a controller;
 * without this, these answers would be Spring's default error body, in another shape. Pages keep theirs.
 */
@Component
class UnmatchedApiRequests implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (handler instanceof HandlerMethod || !path.startsWith("/api/") || !(e instanceof ErrorResponse refused)) {
            return null;
        }
        String detail = refused.getBody().getDetail();
        try {
            refused.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            JsonError.write(request, response, refused.getStatusCode().value(),
                    detail == null ? "the request was refused" : detail);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
