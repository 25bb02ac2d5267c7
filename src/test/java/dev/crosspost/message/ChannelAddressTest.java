package dev.crosspost.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelAddressTest {

    @Test
    void parsesKindAndNameAtTheFirstColon() {
        var room = ChannelAddress.parse("xmpp-room:dev@conference.example.org");
        assertThat(room.kind()).isEqualTo("xmpp-room");
        assertThat(room.name()).isEqualTo("dev@conference.example.org");
        assertThat(ChannelAddress.parse(" SMS:+15551234567 ")).hasToString("sms:+15551234567");
        assertThat(ChannelAddress.parse("mail:a:b@x")).isEqualTo(ChannelAddress.of("mail", "a:b@x"));
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        assertThatThrownBy(() -> ChannelAddress.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> ChannelAddress.parse("team")).hasMessageContaining("kind:name");
        assertThatThrownBy(() -> ChannelAddress.parse(":team")).hasMessageContaining("kind:name");
        assertThatThrownBy(() -> ChannelAddress.parse("shoutbox:")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ChannelAddress.parse("shout box:team")).hasMessageContaining("kind");
        assertThatThrownBy(() -> ChannelAddress.parse("shoutbox:dev team")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> ChannelAddress.parse("shoutbox:a\nb")).hasMessageContaining("control");
        assertThatThrownBy(() -> ChannelAddress.parse("shoutbox:" + "x".repeat(256))).hasMessageContaining("longer");
    }
}
