package dev.crosspost.xmpp.room;

import java.time.Instant;
import java.util.Date;

import dev.crosspost.xmpp.connection.Stanzas;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;

/** {@link ArchivePages} through Smack's {@link MamManager} for one room. */
final class MamPages implements ArchivePages {

    /** Entries asked for per page; the server may give fewer (Prosody: max_archive_query_results, 50 by default). */
    private static final int PAGE = 500;

    private final MamManager mam;

    MamPages(MamManager mam) {
        this.mam = mam;
    }

    @Override
    public Page newest(Instant start) throws Exception {
        return page(mam.queryArchive(MamManager.MamQueryArgs.builder().queryLastPage()
                .limitResultsSince(Date.from(start)).setResultPageSizeTo(PAGE).build()));
    }

    @Override
    public Page after(String uid) throws Exception {
        return page(mam.queryArchive(MamManager.MamQueryArgs.builder().afterUid(uid).setResultPageSizeTo(PAGE)
                .build()));
    }

    @Override
    public Page before(String uid, Instant start, Instant end) throws Exception {
        var args = MamManager.MamQueryArgs.builder();
        if (uid == null) {
            args.queryLastPage();
        } else {
            args.beforeUid(uid);
        }
        args.limitResultsSince(Date.from(start));
        if (end != null) {
            args.limitResultsBefore(Date.from(end));
        }
        return page(mam.queryArchive(args.setResultPageSizeTo(PAGE).build()));
    }

    private static Page page(MamManager.MamQuery query) {
        return new Page(query.getMamResultExtensions().stream().map(MamPages::entry).toList(), query.isComplete());
    }

    private static Entry entry(MamResultExtension result) {
        var delay = result.getForwarded().getDelayInformation();
        Message message = (Message) result.getForwarded().getForwardedStanza();
        return new Entry(result.getId(), delay == null ? Instant.EPOCH : delay.getStamp().toInstant(),
                Stanzas.originId(message));
    }
}
