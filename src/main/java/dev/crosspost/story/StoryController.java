package dev.crosspost.story;

import dev.crosspost.member.Member;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The stories JSON API, and the two pages that use it. */
@Controller
class StoryController {

    private final StoryService stories;

    StoryController(StoryService stories) {
        this.stories = stories;
    }

    /** The body of a new story; {@code team} is optional (no team: every member reads it). */
    record NewStory(@Schema(requiredMode = RequiredMode.REQUIRED) String title,
                    @Schema(requiredMode = RequiredMode.REQUIRED) String body,
                    @Schema(description = "the team that may read it; left out: every member") String team) {
    }

    /** An edit: a new title, a new body, or both; {@code version}, when sent, must be the story's current one. */
    record StoryEdit(String title, String body, @Schema(minimum = "1") Integer version) {
    }

    record NewComment(@Schema(requiredMode = RequiredMode.REQUIRED) String body) {
    }

    @Operation(summary = "Stories the caller may read, newest first", description = "page starts at 0")
    @GetMapping("/api/stories")
    @ResponseBody
    StoryService.Page list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                           Member reader) {
        return stories.page(reader, page, size);
    }

    @Operation(summary = "A story with its comments")
    @GetMapping("/api/stories/{id}")
    @ResponseBody
    StoryService.StoryWithComments get(@PathVariable String id, Member reader) {
        return stories.get(reader, id);
    }

    @Operation(summary = "Write a story", description = "Announced as story.created on event:story")
    @PostMapping(path = "/api/stories", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Story> create(@RequestBody NewStory body, Member author) {
        return ResponseEntity.status(HttpStatus.CREATED).body(stories.create(author, body.title(), body.body(),
                body.team()));
    }

    @Operation(summary = "Edit a story (its author or an admin)", description = "Announced as story.updated")
    @PutMapping(path = "/api/stories/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Story update(@PathVariable String id, @RequestBody StoryEdit body, Member editor) {
        return stories.update(editor, id, body.title(), body.body(), body.version());
    }

    @Operation(summary = "Comment on a story", description = "Announced as comment.created")
    @PostMapping(path = "/api/stories/{id}/comments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Comment> comment(@PathVariable String id, @RequestBody NewComment body, Member author) {
        return ResponseEntity.status(HttpStatus.CREATED).body(stories.comment(author, id, body.body()));
    }

    @GetMapping("/stories")
    String listPage() {
        return "forward:/stories.html";
    }

    @GetMapping("/stories/{id}")
    String storyPage(@PathVariable String id) {
        return "forward:/story.html";
    }
}
