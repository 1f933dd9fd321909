package sns.http.internal.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import sns.core.internal.testing.ProtocolFixtures;
import sns.http.internal.reply.HotspotProbeToggle.Answer;

class HotspotProbeToggleTest {

    @Test
    void startsWithRedirectAndAlternates() {
        HotspotProbeToggle toggle = new HotspotProbeToggle();
        assertEquals(List.of(Answer.REDIRECT, Answer.COOKIE, Answer.REDIRECT, Answer.COOKIE, Answer.REDIRECT),
                List.of(toggle.next(), toggle.next(), toggle.next(), toggle.next(), toggle.next()));
    }

    @Test
    void yahooAndMsnShareOneSwitch() {
        // fixtures 03 -> 04 and 05 -> 06, and any mix of the two hosts
        HotspotProbeToggle toggle = new HotspotProbeToggle();
        assertEquals(302, toggle.answer(HotspotSite.YAHOO).status());
        assertEquals("MSN", toggle.answer(HotspotSite.MSN).bodyText());
        assertEquals(302, toggle.answer(HotspotSite.MSN).status());
        assertEquals("YAHOO!", toggle.answer(HotspotSite.YAHOO).bodyText());
        assertEquals(302, toggle.answer(HotspotSite.YAHOO).status());
    }

    @Test
    void freshTogglesAreIndependent() {
        HotspotProbeToggle first = new HotspotProbeToggle();
        first.next();
        assertEquals(Answer.REDIRECT, new HotspotProbeToggle().next());
    }

    @Test
    void concurrentProbesStillAlternateStrictly() throws Exception {
        HotspotProbeToggle toggle = new HotspotProbeToggle();
        int threads = 8;
        int perThread = 20_000;
        Map<Answer, AtomicInteger> counts = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    counts.computeIfAbsent(toggle.next(), a -> new AtomicInteger()).incrementAndGet();
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(threads * perThread / 2, counts.get(Answer.REDIRECT).get());
        assertEquals(threads * perThread / 2, counts.get(Answer.COOKIE).get());
        assertEquals(Answer.REDIRECT, toggle.next(), "an even number of probes leaves it at redirect");
    }

    @Test
    void probeHostsAreRecognisedLikeTheFixturesSendThem() {
        assertEquals(Optional.of(HotspotSite.YAHOO), HotspotSite.forHost(ProtocolFixtures.header("03", "Host")));
        assertEquals(Optional.of(HotspotSite.MSN), HotspotSite.forHost(ProtocolFixtures.header("05", "Host")));
        assertEquals(Optional.of(HotspotSite.MSN), HotspotSite.forHost(" WWW.MSN.COM:80 "));
        assertEquals(Optional.of(HotspotSite.YAHOO), HotspotSite.forHost("www.yahoo.co.kr."));
        assertEquals(Optional.empty(), HotspotSite.forHost(ProtocolFixtures.header("01", "Host")));
        assertEquals(Optional.empty(), HotspotSite.forHost("yahoo.co.kr"));
        assertEquals(Optional.empty(), HotspotSite.forHost("www.msn.com.evil.example"));
        assertEquals(Optional.empty(), HotspotSite.forHost(null));
    }
}
