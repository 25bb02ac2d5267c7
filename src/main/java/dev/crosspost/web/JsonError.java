package dev.crosspost.web;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/** The JSON error body of {@link ApiErrors}, for filters that answer before Spring MVC is reached. */
public final class JsonError {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonError() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", known == null ? String.valueOf(status) : known.getReasonPhrase());
        body.put("message", message);
        body.put("path", request.getRequestURI());
        body.put("timestamp", Instant.now().toString());
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
