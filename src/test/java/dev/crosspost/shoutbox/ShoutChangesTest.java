package dev.crosspost.shoutbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import dev.crosspost.member.Member;
import dev.crosspost.message.MessageChanges;
import dev.crosspost.moderation.Moderation;
import dev.crosspost.refusal.Conflict;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

/** Which changes of a shout follow its message ({@link MessageChanges}), and which stay in the shoutbox. */
class ShoutChangesTest {

    private final ShoutboxService shoutboxes = mock(ShoutboxService.class);
    private final ShoutStore store = mock(ShoutStore.class);
    private final MessageChanges changes = mock(MessageChanges.class);
    private final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    private final ShoutboxProperties properties = new ShoutboxProperties(4000, 50, 500, 5, null, Duration.ofMinutes(15));
    private final ShoutEditing editing = new ShoutEditing(shoutboxes, store, properties, changes, events);
    private final ShoutRemoval removal = new ShoutRemoval(shoutboxes, store, mock(Moderation.class), changes, events);
    private final Member bob = new Member("bob", "Bob", null, null, null, Set.of("team"), false);

    private final Shout posted = Shout.posted("m1", "team", "bob", "Bob", "typo hre", Instant.now(), Duration.ofMinutes(15));
    private final Shout relayed = Shout.relayed("c1", "team", "bob", "Bob", "[room] Bob: hi", Instant.now(),
            "xmpp-room:dev@conference.example.org", "m2");

    @Test
    void anEditOfAPostedShoutChangesItsMessageAndTellsThePages() {
        when(store.find("m1")).thenReturn(Optional.of(posted));
        when(store.edit(eq("m1"), eq("typo here"), eq("bob"), any())).thenReturn(true);

        editing.edit("team", "m1", bob, "typo here");

        verify(changes).edited("m1", "typo here");
        verify(events).publishEvent(new ShoutboxService.ShoutEdited("team", "m1"));
    }

    @Test
    void theSameTextAgainChangesNothing() {
        when(store.find("m1")).thenReturn(Optional.of(posted));

        editing.edit("team", "m1", bob, "typo hre");

        verify(store, never()).edit(anyString(), anyString(), anyString(), any());
        verify(changes, never()).edited(anyString(), anyString());
    }

    @Test
    void aRelayedCopyIsNotEditedInTheShoutbox() {
        when(store.find("c1")).thenReturn(Optional.of(relayed));

        assertThatThrownBy(() -> editing.edit("team", "c1", bob, "mine now")).isInstanceOf(Conflict.class)
                .hasMessageContaining("relayed from xmpp-room:dev@conference.example.org");
        verify(changes, never()).edited(anyString(), anyString());
    }

    @Test
    void removingAPostedShoutRemovesItsMessageRemovingACopyOnlyTheCopy() {
        when(store.find("m1")).thenReturn(Optional.of(posted));
        when(store.find("c1")).thenReturn(Optional.of(relayed));

        removal.remove("team", "m1", bob);
        removal.remove("team", "c1", bob);

        verify(changes).removed("m1");
        verify(changes, never()).removed("m2");
        verify(events).publishEvent(new ShoutRemoval.ShoutDeleted("team", "c1"));
    }
}
