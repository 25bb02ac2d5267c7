package dev.crosspost.bot;

import dev.crosspost.member.ContactAddresses;
import dev.crosspost.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * {@code !verify CODE}: confirms that the address the sender writes from is theirs, with the code the bot sent
 * there when they set it on their profile. From an address a member verified already, it confirms their phone
 * number's code as well.
 */
@Component
class VerifyCommand implements BotCommand {

    private final ContactAddresses contacts;

    VerifyCommand(ContactAddresses contacts) {
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public boolean personal() {
        return true;
    }

    @Override
    public String help() {
        return "!verify CODE – confirm the address you write from (or your phone number) with the code I sent you";
    }

    @Override
    public String handle(Request request) {
        if (request.args().isEmpty()) {
            return "Usage: !verify CODE, with the six digits I sent you when you set your address.";
        }
        try {
            var member = contacts.verifyXmpp(request.senderJid(), request.args());
            if (member.isPresent()) {
                return "Thank you: " + request.senderJid() + " is now the verified address of member "
                        + member.get() + ".";
            }
            if (request.member().isPresent()) {
                var kind = contacts.verify(request.member().get().id(), request.args());
                return "Thank you: your " + kind.id() + " is verified.";
            }
        } catch (Refusal refused) {
            return "Not verified: " + refused.getMessage() + ".";
        }
        return "Not verified: that is not the code for " + request.senderJid()
                + ". Set the address on your Crosspost profile again for a new code.";
    }
}
