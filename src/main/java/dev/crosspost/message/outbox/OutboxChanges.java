package dev.crosspost.message.outbox;

import dev.crosspost.message.MessageChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Changes of a message follow its sends through the outbox. (Work in progress in this commit: the contract is in
 * place so that the shoutbox and the chat adapters can be built against it; the rows come next.)
 */
@Service
class OutboxChanges implements MessageChanges {

    private static final Logger log = LoggerFactory.getLogger(OutboxChanges.class);

    @Override
    public void edited(String messageId, String newText) {
        log.debug("message {} edited", messageId);
    }

    @Override
    public void removed(String messageId) {
        log.debug("message {} removed", messageId);
    }
}
