// The dialog tracker fed with parsed SIP messages, as a capture on a PBX host shows them: who answered a ring group,
// a hunt group, a redirected or picked-up call; transfers linked to the call they continue; SRTP keys agreed by
// offer and answer (and re-keyed). Each row is a flow of messages and what the tracker must conclude.
#include "calls/dialogtracker.h"
#include "config/agentconfig.h"
#include "sip/sipmessage.h"

#include <QTest>

using namespace vv::agent;

namespace {

const Endpoint kCarrier{*IpAddress::parse("10.0.0.50"), 5060};
const Endpoint kProxy{*IpAddress::parse("10.0.0.1"), 5060};
Endpoint phone(int n)
{
    return {*IpAddress::parse("10.0.0." + std::to_string(n - 190)), 5060};
}

// One SIP message of a flow: text with {placeholders} filled by the row, sent from -> to.
struct Msg
{
    std::string text;
    Endpoint from;
    Endpoint to;
};

std::string sdp(int port, const std::string &crypto = {})
{
    std::string s = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio " +
                    std::to_string(port) + (crypto.empty() ? " RTP/AVP 0\r\n" : " RTP/SAVP 0\r\n") + crypto;
    return s;
}

std::string withBody(std::string head, const std::string &body)
{
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (!body.empty())
        head += "Content-Type: application/sdp\r\n";
    return head + "\r\n" + body;
}

std::string invite(const std::string &callId, const std::string &ruri, const std::string &from, const std::string &to,
                   const std::string &branch, const std::string &extra = {}, const std::string &body = sdp(4000))
{
    return withBody("INVITE sip:" + ruri + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=" + branch +
                        "\r\nFrom: <sip:" + from + "@pbx>;tag=caller\r\nTo: <sip:" + to +
                        "@pbx>\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n" + extra,
                    body);
}

std::string response(int status, const std::string &callId, const std::string &from, const std::string &to,
                     const std::string &toTag, const std::string &branch, const std::string &extra = {},
                     const std::string &body = {}, const std::string &method = "INVITE")
{
    return withBody("SIP/2.0 " + std::to_string(status) + " X\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=" + branch +
                        "\r\nFrom: <sip:" + from + "@pbx>;tag=caller\r\nTo: <sip:" + to + "@pbx>;tag=" + toTag +
                        "\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\n" + extra,
                    body);
}

std::string request(const std::string &method, const std::string &callId, const std::string &from,
                    const std::string &to, const std::string &toTag, const std::string &extra = {},
                    const std::string &body = {}, bool fromCallee = false)
{
    const std::string f = fromCallee ? "<sip:" + to + "@pbx>;tag=" + toTag : "<sip:" + from + "@pbx>;tag=caller";
    const std::string t = fromCallee ? "<sip:" + from + "@pbx>;tag=caller" : "<sip:" + to + "@pbx>;tag=" + toTag;
    return withBody(method + " sip:x@pbx SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK" + method + "\r\nFrom: " +
                        f + "\r\nTo: " + t + "\r\nCall-ID: " + callId + "\r\nCSeq: 2 " + method + "\r\n" + extra,
                    body);
}

std::string registration(int extension, const std::string &contactUser, int expires = 3600)
{
    const std::string ip = "10.0.0." + std::to_string(extension - 190);
    return withBody("REGISTER sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP " + ip + ";branch=z9hG4bKreg" +
                        "\r\nFrom: <sip:" + std::to_string(extension) +
                        "@pbx>;tag=r\r\nTo: <sip:" + std::to_string(extension) + "@pbx>\r\nCall-ID: reg" +
                        std::to_string(extension) + "\r\nCSeq: 1 REGISTER\r\nContact: <sip:" + contactUser + "@" + ip +
                        ":5060>;expires=" + std::to_string(expires) + "\r\n",
                    {});
}

const std::string kKey80 = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
const std::string kKey80b = "inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpBQkNE";
const std::string kKey32 = "inline:MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw";

class Recorder : public DialogEvents
{
public:
    struct Answer
    {
        std::string callId;
        PolicyDecision policy;
        QString answeredBy;
        QString relation;
        std::string related;
    };
    std::vector<Answer> answers;
    std::vector<std::pair<std::string, QString>> endings;                 // call-id, cause
    std::map<std::string, std::vector<std::pair<int, std::string>>> keys; // call-id -> (side, suite/tag)

    void mediaEndpoint(Dialog &, int, const Endpoint &) override {}
    void mediaKey(Dialog &d, int side, const SrtpCrypto &key) override
    {
        keys[d.callId].emplace_back(side, std::string(key.suite->name) + "#" + std::to_string(key.tag));
    }
    void answered(Dialog &d) override
    {
        answers.push_back({d.callId, d.policy, d.answeredBy, d.relation, d.relatedCallId});
    }
    void ended(Dialog &d, PacketTime, const QString &cause) override { endings.emplace_back(d.callId, cause); }
    void registered(const QString &, const QString &, PacketTime) override {}
};

using Flow = std::vector<Msg>;

} // namespace

Q_DECLARE_METATYPE(Flow)

class TestDialogs : public QObject
{
    Q_OBJECT

    RecordingPolicy policy()
    {
        AgentConfig cfg;
        QString error;
        if (!AgentConfig::parse(QStringLiteral("[vault acme]\nextensions = 201-209, 600, 700\nexcluded = 203\n"
                                               "[vault beta]\nextensions = 300-309\n"),
                                QStringLiteral("t"), &cfg, &error))
            qFatal("%s", qPrintable(error));
        return RecordingPolicy(cfg.vaults);
    }

    static void feed(DialogTracker &t, const Flow &flow)
    {
        PacketTime ts = 1'800'000'000'000'000;
        for (const Msg &m : flow) {
            SipMessage msg;
            std::string error;
            QVERIFY2(parseSipMessage(m.text, &msg, &error), error.c_str());
            t.onSip(msg, ts, m.from, m.to);
            ts += 100'000;
        }
    }

    static QString describe(const PolicyDecision &d)
    {
        QStringList legs;
        for (const VaultLeg &l : d.legs)
            legs << QStringLiteral("%1:%2:%3:%4")
                        .arg(l.vault, l.extension, directionName(l.direction),
                             l.record ? QStringLiteral("rec") : l.reason);
        return legs.join(u';');
    }

private Q_SLOTS:
    // Who answered, from the messages a PBX host's capture holds.
    void whoAnswered_data()
    {
        QTest::addColumn<Flow>("flow");
        QTest::addColumn<QString>("legs"); // of the answered call
        QTest::addColumn<QString>("callee");
        QTest::addColumn<QString>("dialled");
        QTest::addColumn<QString>("evidence"); // answeredBy
        const std::string c = "call-rg";
        // Parallel ring group 600: the proxy forks to 201 and 203; one answers, the other branch is cancelled.
        // `device` is appended to each phone's user in its registered contact (baresip registers "201-0x55d4c0").
        auto ringGroup = [&](int answering, int other, const std::string &device = {}) {
            const std::string a = std::to_string(answering) + device;
            const std::string o = std::to_string(other) + device;
            return Flow{
                {invite(c, "600@pbx", "07700900123", "600", "z9hG4bKc"), kCarrier, kProxy},
                {invite(c, a + "@" + phone(answering).address.toString() + ":5060", "07700900123", "600",
                        "z9hG4bKp" + std::to_string(answering)),
                 kProxy, phone(answering)},
                {invite(c, o + "@" + phone(other).address.toString() + ":5060", "07700900123", "600",
                        "z9hG4bKp" + std::to_string(other)),
                 kProxy, phone(other)},
                {response(180, c, "07700900123", "600", "t" + a, "z9hG4bKp" + std::to_string(answering)),
                 phone(answering), kProxy},
                {response(180, c, "07700900123", "600", "t" + o, "z9hG4bKp" + std::to_string(other)), phone(other),
                 kProxy},
                {response(200, c, "07700900123", "600", "t" + a, "z9hG4bKp" + std::to_string(answering),
                          "Contact: <sip:" + a + "@x>\r\n", sdp(5000)),
                 phone(answering), kProxy},
                {response(200, c, "07700900123", "600", "t" + a, "z9hG4bKc", "Contact: <sip:" + a + "@x>\r\n",
                          sdp(5000)),
                 kProxy, kCarrier},
                {response(487, c, "07700900123", "600", "t" + o, "z9hG4bKp" + std::to_string(other)), phone(other),
                 kProxy},
            };
        };
        QTest::newRow("ring group answered by excluded 203")
            << ringGroup(203, 201) << "acme:203:inbound:excluded extension 203"
            << "203"
            << "600"
            << "the branch it answered";
        QTest::newRow("ring group, device contacts (baresip), answered by excluded 203")
            << ringGroup(203, 201, "-0x55d4c0") << "acme:203:inbound:excluded extension 203"
            << "203"
            << "600"
            << "the device name of the branch it answered";
        QTest::newRow("ring group answered by 201") << ringGroup(201, 203) << "acme:201:inbound:rec"
                                                    << "201"
                                                    << "600"
                                                    << "the branch it answered";
        // Serial hunt group 700: 202 times out (408 to the proxy), then 201 answers.
        QTest::newRow("hunt group, second member answers")
            << Flow{{invite("h", "700@pbx", "+442079460000", "700", "z9hG4bKc"), kCarrier, kProxy},
                    {invite("h", "202@10.0.0.12", "+442079460000", "700", "z9hG4bKa"), kProxy, phone(202)},
                    {response(180, "h", "+442079460000", "700", "t202", "z9hG4bKa"), phone(202), kProxy},
                    {request("CANCEL", "h", "+442079460000", "700", ""), kProxy, phone(202)},
                    {response(487, "h", "+442079460000", "700", "t202", "z9hG4bKa"), phone(202), kProxy},
                    {invite("h", "201@10.0.0.11", "+442079460000", "700", "z9hG4bKb"), kProxy, phone(201)},
                    {response(200, "h", "+442079460000", "700", "t201", "z9hG4bKb", {}, sdp(5000)), phone(201), kProxy}}
            << "acme:201:inbound:rec"
            << "201"
            << "700"
            << "the branch it answered";
        // A 302 from 202 sends the proxy on to excluded 203, who answers.
        QTest::newRow("redirect to excluded 203")
            << Flow{{invite("r", "202@pbx", "+442079460000", "202", "z9hG4bKc"), kCarrier, kProxy},
                    {invite("r", "202@10.0.0.12", "+442079460000", "202", "z9hG4bKa"), kProxy, phone(202)},
                    {response(302, "r", "+442079460000", "202", "t202", "z9hG4bKa", "Contact: <sip:203@pbx>\r\n"),
                     phone(202), kProxy},
                    {invite("r", "203@10.0.0.13", "+442079460000", "202", "z9hG4bKb"), kProxy, phone(203)},
                    {response(200, "r", "+442079460000", "202", "t203", "z9hG4bKb", {}, sdp(5000)), phone(203), kProxy}}
            << "acme:203:inbound:excluded extension 203"
            << "203"
            << "202"
            << "the branch it answered";
        // The answer's P-Asserted-Identity names who answered before anything else.
        QTest::newRow("asserted identity in the answer")
            << Flow{{invite("p", "201@pbx", "07700900123", "201", "z9hG4bKc"), kCarrier, kProxy},
                    {response(200, "p", "07700900123", "201", "t", "z9hG4bKc", "P-Asserted-Identity: <sip:204@pbx>\r\n",
                              sdp(5000)),
                     kProxy, kCarrier}}
            << "acme:204:inbound:rec"
            << "204"
            << "201"
            << "asserted identity";
        // Nothing but a registration says who answered: the device's contact name is no number.
        QTest::newRow("device known by its registration")
            << Flow{{registration(205, "x7k2"), phone(205), kProxy},
                    {invite("d", "600@pbx", "07700900123", "600", "z9hG4bKc"), kCarrier, kProxy},
                    {response(200, "d", "07700900123", "600", "t", "z9hG4bKq", "Contact: <sip:x7k2@10.0.0.15>\r\n",
                              sdp(5000)),
                     phone(205), kProxy}}
            << "acme:205:inbound:rec"
            << "205"
            << "600"
            << "its registration";
        // Plain outbound call: the extension that called decides; the carrier's answer changes nothing.
        QTest::newRow("outbound") << Flow{{invite("o", "07700900123@carrier", "201", "07700900123", "z9hG4bKc"),
                                           phone(201), kProxy},
                                          {response(200, "o", "201", "07700900123", "t", "z9hG4bKc",
                                                    "Contact: <sip:gw@10.0.0.50>\r\n", sdp(5000)),
                                           kProxy, phone(201)}}
                                  << "acme:201:outbound:rec"
                                  << "07700900123"
                                  << ""
                                  << "the branch it answered";
        // Two customers on one host: recorded in both.
        QTest::newRow("two vaults") << Flow{{invite("v", "301@pbx", "201", "301", "z9hG4bKc"), phone(201), kProxy},
                                            {response(200, "v", "201", "301", "t", "z9hG4bKc", {}, sdp(5000)), kProxy,
                                             phone(201)}}
                                    << "acme:201:outbound:rec;beta:301:inbound:rec"
                                    << "301"
                                    << ""
                                    << "the branch it answered";
    }

    void whoAnswered()
    {
        QFETCH(Flow, flow);
        Recorder events;
        DialogTracker tracker(policy(), &events);
        feed(tracker, flow);
        QCOMPARE(events.answers.size(), std::size_t(1));
        const Recorder::Answer &a = events.answers.front();
        QTEST(describe(a.policy), "legs");
        QTEST(a.policy.callee, "callee");
        QTEST(a.policy.dialled, "dialled");
        QTEST(a.answeredBy, "evidence");
        QVERIFY(events.endings.empty()); // forks failing or being cancelled do not end the call
    }

    // Transfers and pickups: the new call is linked to the call it continues, and reported as that call's.
    void linkedCalls_data()
    {
        QTest::addColumn<Flow>("flow");
        QTest::addColumn<QString>("legs"); // of the second call answered
        QTest::addColumn<QString>("relation");
        QTest::addColumn<QString>("related");
        QTest::addColumn<QString>("dialled");
        const Flow external{
            {invite("x", "201@pbx", "07700900123", "201", "z9hG4bKx"), kCarrier, kProxy},
            {response(200, "x", "07700900123", "201", "t201", "z9hG4bKx", {}, sdp(5000)), kProxy, kCarrier}};
        Flow blind = external;
        blind.push_back({request("REFER", "x", "07700900123", "201", "t201", "Refer-To: <sip:202@pbx>\r\n", {}, true),
                         phone(201), kCarrier});
        blind.push_back({request("BYE", "x", "07700900123", "201", "t201"), kCarrier, kProxy});
        blind.push_back({invite("y", "202@pbx", "07700900123", "202", "z9hG4bKy", "Referred-By: <sip:201@pbx>\r\n"),
                         kCarrier, kProxy});
        blind.push_back(
            {response(200, "y", "07700900123", "202", "t202", "z9hG4bKy", {}, sdp(5002)), kProxy, kCarrier});
        QTest::newRow("blind transfer") << blind << "acme:202:inbound:rec"
                                        << "transfer"
                                        << "x"
                                        << "";
        Flow attended = external;
        attended.push_back({invite("z", "202@pbx", "201", "202", "z9hG4bKz"), phone(201), kProxy});
        attended.push_back({response(200, "z", "201", "202", "tz", "z9hG4bKz", {}, sdp(5004)), kProxy, phone(201)});
        attended.push_back(
            {request("REFER", "x", "07700900123", "201", "t201",
                     "Refer-To: <sip:202@pbx?Replaces=z%3Bto-tag%3Dtz%3Bfrom-tag%3Dcaller>\r\n", {}, true),
             phone(201), kCarrier});
        attended.push_back(
            {invite("y", "202@pbx", "07700900123", "202", "z9hG4bKy", "Replaces: z;to-tag=tz;from-tag=caller\r\n"),
             kCarrier, kProxy});
        attended.push_back(
            {response(200, "y", "07700900123", "202", "t202", "z9hG4bKy", {}, sdp(5002)), kProxy, kCarrier});
        QTest::newRow("attended transfer") << attended << "acme:202:inbound:rec"
                                           << "attended transfer"
                                           << "x"
                                           << "";
        // 202 picks up the call ringing at 201: its INVITE replaces that early dialog and goes to the caller.
        const Flow pickup{
            {invite("r1", "201@pbx", "07700900123", "201", "z9hG4bKr"), kCarrier, kProxy},
            {response(180, "r1", "07700900123", "201", "t201", "z9hG4bKr"), kProxy, kCarrier},
            {invite("pk", "07700900123@carrier", "202", "07700900123", "z9hG4bKpk",
                    "Replaces: r1;to-tag=t201;from-tag=caller;early-only\r\n"),
             phone(202), kCarrier},
            {response(200, "pk", "202", "07700900123", "tc", "z9hG4bKpk", {}, sdp(5006)), kCarrier, phone(202)}};
        QTest::newRow("pickup") << pickup << "acme:202:inbound:rec"
                                << "pickup"
                                << "r1"
                                << "201";
    }

    void linkedCalls()
    {
        QFETCH(Flow, flow);
        Recorder events;
        DialogTracker tracker(policy(), &events);
        feed(tracker, flow);
        QVERIFY(!events.answers.empty());
        const Recorder::Answer &a = events.answers.back();
        QTEST(describe(a.policy), "legs");
        QTEST(a.relation, "relation");
        QTEST(QString::fromStdString(a.related), "related");
        QTEST(a.policy.dialled, "dialled");
    }

    // SDES keys: the offer's line the answer chose encrypts what the offerer sends; the answer's key what the
    // answerer sends; a re-INVITE with new keys adds them; a fork that did not answer contributes nothing.
    void srtpKeys_data()
    {
        QTest::addColumn<Flow>("flow");
        QTest::addColumn<QString>("keys"); // side:suite#tag in the order agreed
        const std::string offer = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + kKey80 +
                                  "\r\na=crypto:2 AES_CM_128_HMAC_SHA1_32 " + kKey32 + "\r\n";
        const std::string answer2 = "a=crypto:2 AES_CM_128_HMAC_SHA1_32 " + kKey80b + "\r\n";
        const std::string answer1 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + kKey80b + "\r\n";
        QTest::newRow("answer picks the second line")
            << Flow{{invite("s", "07700900123@carrier", "201", "07700900123", "z9hG4bKs", {}, sdp(4000, offer)),
                     phone(201), kProxy},
                    {response(200, "s", "201", "07700900123", "t", "z9hG4bKs", {}, sdp(5000, answer2)), kProxy,
                     phone(201)}}
            << "1:AES_CM_128_HMAC_SHA1_32#2 0:AES_CM_128_HMAC_SHA1_32#2";
        QTest::newRow("fork that did not answer is ignored")
            << Flow{{invite("f", "600@pbx", "07700900123", "600", "z9hG4bKf", {}, sdp(4000, offer)), kCarrier, kProxy},
                    {response(183, "f", "07700900123", "600", "ta", "z9hG4bKf", {}, sdp(5000, answer2)), kProxy,
                     kCarrier},
                    {response(200, "f", "07700900123", "600", "tb", "z9hG4bKf", {}, sdp(5002, answer1)), kProxy,
                     kCarrier}}
            << "1:AES_CM_128_HMAC_SHA1_80#1 0:AES_CM_128_HMAC_SHA1_80#1";
        QTest::newRow("re-INVITE re-keys")
            << Flow{{invite("k", "07700900123@carrier", "201", "07700900123", "z9hG4bKk", {},
                            sdp(4000, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + kKey80 + "\r\n")),
                     phone(201), kProxy},
                    {response(200, "k", "201", "07700900123", "t", "z9hG4bKk", {}, sdp(5000, answer1)), kProxy,
                     phone(201)},
                    {request("INVITE", "k", "201", "07700900123", "t", {},
                             sdp(4000, "a=crypto:3 AES_CM_128_HMAC_SHA1_80 " + kKey80b + "\r\n")),
                     phone(201), kProxy},
                    {response(200, "k", "201", "07700900123", "t", "z9hG4bKINVITE", {},
                              sdp(5000, "a=crypto:3 AES_CM_128_HMAC_SHA1_80 " + kKey32 + "\r\n")),
                     kProxy, phone(201)}}
            << "1:AES_CM_128_HMAC_SHA1_80#1 0:AES_CM_128_HMAC_SHA1_80#1 1:AES_CM_128_HMAC_SHA1_80#3 "
               "0:AES_CM_128_HMAC_SHA1_80#3";
        // A late offer: the INVITE has no SDP, the 200 offers, the ACK answers.
        QTest::newRow("late offer")
            << Flow{{invite("l", "07700900123@carrier", "201", "07700900123", "z9hG4bKl", {}, {}), phone(201), kProxy},
                    {response(200, "l", "201", "07700900123", "t", "z9hG4bKl", {}, sdp(5000, offer)), kProxy,
                     phone(201)},
                    {request("ACK", "l", "201", "07700900123", "t", {}, sdp(4000, answer1)), phone(201), kProxy}}
            << "0:AES_CM_128_HMAC_SHA1_80#1 1:AES_CM_128_HMAC_SHA1_80#1";
        QTest::newRow("answer names a tag never offered")
            << Flow{{invite("n", "07700900123@carrier", "201", "07700900123", "z9hG4bKn", {},
                            sdp(4000, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + kKey80 + "\r\n")),
                     phone(201), kProxy},
                    {response(200, "n", "201", "07700900123", "t", "z9hG4bKn", {},
                              sdp(5000, "a=crypto:9 AES_CM_128_HMAC_SHA1_80 " + kKey80b + "\r\n")),
                     kProxy, phone(201)}}
            << "1:AES_CM_128_HMAC_SHA1_80#9";
    }

    void srtpKeys()
    {
        QFETCH(Flow, flow);
        Recorder events;
        DialogTracker tracker(policy(), &events);
        feed(tracker, flow);
        QCOMPARE(events.answers.size(), std::size_t(1));
        QStringList got;
        for (const auto &[side, what] : events.keys[events.answers.front().callId])
            got << QString::number(side) + ":" + QString::fromStdString(what);
        QTEST(got.join(u' '), "keys");
    }
};

QTEST_APPLESS_MAIN(TestDialogs)
#include "tst_dialogs.moc"
