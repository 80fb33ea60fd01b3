// Sessions: signing in and out, what a token is worth after sign-out and password changes, forged tokens,
// sign-in throttling per user and per client address, and that no password or token ever reaches the agent's
// logs or its data folder in clear text.
#include "apitest.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

using namespace vv::apitest;

namespace {

QByteArray credentials(const QString &username, const QString &password)
{
    return QJsonDocument(QJsonObject{{"username", username}, {"password", password}}).toJson(QJsonDocument::Compact);
}

QByteArray signInRequest(const QString &username, const QString &password, const HeaderList &extra = {})
{
    return rawRequest("POST", "/api/v1/session", HeaderList{{"Content-Type", "application/json"}} + extra,
                      credentials(username, password));
}

// Retry-After is delay-seconds or an HTTP-date (RFC 9110 10.2.3).
bool validRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok)
        return seconds > 0;
    return QDateTime::fromString(QString::fromLatin1(value).trimmed(), Qt::RFC2822Date).isValid();
}

} // namespace

class TestApiSession : public QObject
{
    Q_OBJECT
    AgentServer m_server{AgentServer::Options{true, {}, {}}}; // debug logging on: the log check must see everything
    QByteArray m_admin;
    qint64 m_acmeId = 0;
    QList<QByteArray> m_tokens; // every token handed out, for the leak check at the end
    QString m_doraPassword;

    QByteArray signedIn(const QString &user, const QString &password)
    {
        QString why;
        const QByteArray token = vv::apitest::signIn(m_server, user, password, &why);
        if (token.isEmpty())
            qWarning().noquote() << why;
        else
            m_tokens << token;
        return token;
    }

    // A customer of acme made through the API, so tests that change passwords or lock users out leave alice alone.
    QString makeUser(const QString &username)
    {
        const QString password = m_server.newPassword(username);
        auto admin = makeClient(m_server, m_admin);
        const ApiResult r = await([&](QObject *ctx, ResultHandler h) {
            return admin->createUser(m_acmeId, username, password, false, ctx, h);
        });
        return r.httpStatus == 201 ? password : QString();
    }

    ApiResult me(const QByteArray &authorization)
    {
        auto client = makeClient(m_server);
        ApiRequest r;
        r.path = QStringLiteral("/api/v1/me");
        r.authenticate = false;
        if (!authorization.isNull())
            r.headers.append({QByteArray("Authorization"), authorization});
        return send(*client, r);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        m_admin = signedIn(QStringLiteral("admin"), m_server.password(QStringLiteral("admin")));
        QVERIFY(!m_admin.isEmpty());
        auto admin = makeClient(m_server, m_admin);
        const ApiResult vaults = await([&](QObject *ctx, ResultHandler h) { return admin->listVaults(ctx, h); });
        API_CHECK(expectJson(vaults, 200));
        for (const QJsonObject &v : items(vaults))
            if (v.value("name").toString() == u"acme")
                m_acmeId = v.value("id").toInteger();
        QVERIFY2(m_acmeId > 0, qPrintable(describe(vaults)));
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void signIn_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("role");
        QTest::newRow("reseller") << "admin"
                                  << "reseller";
        QTest::newRow("customer") << "alice"
                                  << "customer";
    }

    void signIn()
    {
        QFETCH(QString, username);
        QFETCH(QString, role);
        ApiResult r;
        QString why;
        const QByteArray token = vv::apitest::signIn(m_server, username, m_server.password(username), &why, &r);
        QVERIFY2(!token.isEmpty(), qPrintable(why));
        m_tokens << token;
        QVERIFY2(token.size() >= 20, "a token this short can be guessed");
        const QJsonObject session = r.json.object();
        const QJsonObject user = session.value("user").toObject();
        QCOMPARE(user.value("username").toString(), username);
        QCOMPARE(user.value("role").toString(), role);
        QCOMPARE(user.value("vault_id").isNull(), role == u"reseller");
        // Tokens must expire; a security reviewer expects hours to days, not "never" (reading: at most 31 days).
        const QDateTime expires = QDateTime::fromString(session.value("expires_at").toString(), Qt::ISODateWithMs);
        QVERIFY2(expires.isValid(), qPrintable(describe(r)));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(expires > now.addSecs(60) && expires < now.addDays(31), qPrintable(expires.toString(Qt::ISODate)));
        QVERIFY2(!r.data.contains(m_server.password(username).toUtf8()), "the answer echoes the password");
        QVERIFY2(!r.data.contains("$argon2"), "the answer carries the password hash");

        auto client = makeClient(m_server, token);
        const ApiResult mine = await([&](QObject *ctx, ResultHandler h) { return client->me(ctx, h); });
        API_CHECK(expectJson(mine, 200));
        QCOMPARE(mine.json.object().value("username").toString(), username);
        QVERIFY2(!mine.data.contains("$argon2") && !mine.json.object().contains("password") &&
                     !mine.json.object().contains("password_hash"),
                 qPrintable(describe(mine)));
    }

    // Wrong password and unknown user must look the same: anything else tells an attacker which names exist.
    void failedSignInRevealsNothing()
    {
        ApiResult wrong;
        ApiResult unknown;
        QVERIFY(vv::apitest::signIn(m_server, "alice", "not-her-password", nullptr, &wrong).isEmpty());
        QVERIFY(vv::apitest::signIn(m_server, "nobody-by-this-name", "whatever-1234", nullptr, &unknown).isEmpty());
        API_CHECK(expectProblem(wrong, 401));
        API_CHECK(expectProblem(unknown, 401));
        QCOMPARE(wrong.json.object().value("detail").toString(), unknown.json.object().value("detail").toString());
        QVERIFY(!wrong.json.object().contains("token"));
    }

    // Who signed in, or tried to, from where and when; never with what password.
    void signInsAreAudited()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-1);
        const QString wrong = m_server.newPassword("wrong-for-alice");
        QVERIFY(vv::apitest::signIn(m_server, "alice", wrong).isEmpty());
        QVERIFY(!signedIn("alice", m_server.password("alice")).isEmpty());
        auto admin = makeClient(m_server, m_admin);
        for (const char *action : {"sign_in_failed", "sign_in"}) {
            const ApiResult r = get(*admin, "/api/v1/audit", QUrlQuery{{"action", action}, {"user", "alice"}});
            API_CHECK(expectJson(r, 200));
            QVERIFY2(!items(r).isEmpty(),
                     qPrintable(QStringLiteral("no %1 entry for alice: %2").arg(action, describe(r))));
            const QJsonObject e = items(r).first(); // newest first
            QCOMPARE(e.value("action").toString(), QString::fromLatin1(action));
            QCOMPARE(e.value("user").toString(), QStringLiteral("alice"));
            QCOMPARE(e.value("address").toString(), QStringLiteral("127.0.0.1"));
            QVERIFY2(msOf(e.value("at")) >= since.toMSecsSinceEpoch(), qPrintable(e.value("at").toString()));
            for (const QJsonObject &other : items(r))
                QCOMPARE(other.value("user").toString(), QStringLiteral("alice")); // the user filter holds
            QVERIFY2(!r.data.contains(wrong.toUtf8()) && !r.data.contains(m_server.password("alice").toUtf8()),
                     "the audit log holds a password");
        }
    }

    void signInValidation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        // A username of its own, so none of these can count towards throttling a real user.
        QTest::newRow("no password") << QByteArray(R"({"username":"val-user"})") << 422 << "password";
        QTest::newRow("no username") << QByteArray(R"({"password":"x1234567890"})") << 422 << "username";
        QTest::newRow("username not a string")
            << QByteArray(R"({"username":7,"password":"x1234567890"})") << 422 << "username";
        QTest::newRow("unknown field") << QByteArray(R"({"username":"val-user","password":"x1234567890","otp":1})")
                                       << 422 << "otp";
        QTest::newRow("malformed JSON") << QByteArray(R"({"username":"val-user",)") << 400 << "";
    }

    void signInValidation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        auto client = makeClient(m_server);
        const ApiResult r = sendBytes(*client, "POST", "/api/v1/session", body);
        API_CHECK(expectProblem(r, status, field));
    }

    void signOutRevokesOnlyThatToken()
    {
        const QString password = m_server.password("alice");
        const QByteArray first = signedIn("alice", password);
        const QByteArray second = signedIn("alice", password);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QVERIFY2(first != second, "two sign-ins must give two tokens");
        auto client = makeClient(m_server, first);
        const ApiResult out = await([&](QObject *ctx, ResultHandler h) { return client->signOut(ctx, h); });
        API_CHECK(expectStatus(out, 204));
        QVERIFY(!client->hasToken());
        API_CHECK(expectProblem(me(bearer(first)), 401));
        API_CHECK(expectJson(me(bearer(second)), 200));
        // Signing out twice with a dead token is just another 401, not a 500.
        API_CHECK(expectProblem(sendBytes(*makeClient(m_server, first), "DELETE", "/api/v1/session", {}), 401));
    }

    void passwordChangeRevokesAllTokens()
    {
        const QString oldPassword = makeUser("carol");
        QVERIFY2(!oldPassword.isEmpty(), "could not create carol");
        const QByteArray first = signedIn("carol", oldPassword);
        const QByteArray second = signedIn("carol", oldPassword);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        const QString newPassword = m_server.newPassword("carol-new");
        auto client = makeClient(m_server, first);
        const ApiResult changed = await(
            [&](QObject *ctx, ResultHandler h) { return client->changePassword(oldPassword, newPassword, ctx, h); });
        API_CHECK(expectStatus(changed, 204));
        API_CHECK(expectProblem(me(bearer(first)), 401));
        API_CHECK(expectProblem(me(bearer(second)), 401));
        ApiResult r;
        QVERIFY(vv::apitest::signIn(m_server, "carol", oldPassword, nullptr, &r).isEmpty());
        API_CHECK(expectProblem(r, 401));
        QVERIFY(!signedIn("carol", newPassword).isEmpty());
        API_CHECK(expectJson(me(bearer(m_admin)), 200)); // nobody else's tokens went
    }

    // An invitation's one-time password opens nothing but changing it (and GET /me, sign-out); a reset can make it
    // one-time again. The new password must differ from it.
    void oneTimePasswordMustBeChanged()
    {
        const QString oneTime = m_server.newPassword("olive");
        auto admin = makeClient(m_server, m_admin);
        const ApiResult created = await(
            [&](QObject *ctx, ResultHandler h) { return admin->createUser(m_acmeId, "olive", oneTime, true, ctx, h); });
        API_CHECK(expectJson(created, 201));
        QCOMPARE(created.json.object().value("user").toObject().value("must_change_password").toBool(), true);
        const QByteArray token = signedIn("olive", oneTime);
        QVERIFY(!token.isEmpty());
        const ApiResult who = me(bearer(token));
        API_CHECK(expectJson(who, 200));
        QCOMPARE(who.json.object().value("must_change_password").toBool(), true);
        auto olive = makeClient(m_server, token);
        const QString recordings = QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_acmeId);
        API_CHECK(expectProblem(get(*olive, recordings), 403));
        QVERIFY(get(*olive, recordings).json.object().value("title").toString().contains("Password change"));
        API_CHECK(expectProblem(
            sendBytes(*olive, "PUT", "/api/v1/me/password",
                      QJsonDocument(QJsonObject{{"current_password", oneTime}, {"new_password", oneTime}}).toJson()),
            422));
        const QString chosen = m_server.newPassword("olive-own");
        const ApiResult changed =
            await([&](QObject *ctx, ResultHandler h) { return olive->changePassword(oneTime, chosen, ctx, h); });
        API_CHECK(expectStatus(changed, 204));
        const QByteArray after = signedIn("olive", chosen);
        QVERIFY(!after.isEmpty());
        API_CHECK(expectJson(get(*makeClient(m_server, after), recordings), 200));
        QCOMPARE(me(bearer(after)).json.object().value("must_change_password").toBool(), false);

        // A reset asked to be one-time is one-time again.
        const qint64 id = created.json.object().value("user").toObject().value("id").toInteger();
        vv::net::UserPatch patch;
        patch.resetPassword = true;
        patch.oneTime = true;
        const ApiResult reset =
            await([&](QObject *ctx, ResultHandler h) { return admin->patchUser(id, patch, ctx, h); });
        API_CHECK(expectJson(reset, 200));
        QCOMPARE(reset.json.object().value("user").toObject().value("must_change_password").toBool(), true);
        const QByteArray again = signedIn("olive", reset.json.object().value("password").toString());
        QVERIFY(!again.isEmpty());
        API_CHECK(expectProblem(get(*makeClient(m_server, again), recordings), 403));
    }

    void passwordChangeValidation_data()
    {
        QTest::addColumn<QString>("body"); // %1 = the current password
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<QString>("field");
        QTest::newRow("new too short") << R"({"current_password":"%1","new_password":"short"})" << QList<int>{422}
                                       << "new_password";
        QTest::newRow("no new password") << R"({"current_password":"%1"})" << QList<int>{422} << "new_password";
        QTest::newRow("no current password")
            << R"({"new_password":"long-enough-123"})" << QList<int>{422} << "current_password";
        QTest::newRow("unknown field") << R"({"current_password":"%1","new_password":"long-enough-123","x":1})"
                                       << QList<int>{422} << "x";
        // Which status a wrong current password gives is not fixed by the contract; it must refuse, nothing else.
        QTest::newRow("wrong current") << R"({"current_password":"wrong-%1","new_password":"long-enough-123"})"
                                       << QList<int>{401, 403, 422} << "";
    }

    void passwordChangeValidation()
    {
        QFETCH(QString, body);
        QFETCH(QList<int>, statuses);
        QFETCH(QString, field);
        if (m_doraPassword.isEmpty())
            m_doraPassword = makeUser("dora");
        const QString password = m_doraPassword;
        QVERIFY(!password.isEmpty());
        const QByteArray token = signedIn("dora", password);
        QVERIFY(!token.isEmpty());
        auto client = makeClient(m_server, token);
        const ApiResult r = sendBytes(*client, "PUT", "/api/v1/me/password",
                                      QString(body).replace(QStringLiteral("%1"), password).toUtf8());
        API_CHECK(expectProblemIn(r, statuses));
        if (!field.isEmpty())
            QCOMPARE(r.json.object().value("field").toString(), field);
        // A refused change changes nothing: the token still works and the old password still signs in.
        API_CHECK(expectJson(me(bearer(token)), 200));
        QVERIFY(!signedIn("dora", password).isEmpty());
    }

    void forgedTokensAreRefused_data()
    {
        QTest::addColumn<QByteArray>("authorization"); // null = no header at all
        const QByteArray real = m_admin;
        QByteArray flipped = real;
        flipped[flipped.size() - 1] = flipped.back() == 'A' ? 'B' : 'A';
        QByteArray random(32, Qt::Uninitialized);
        for (char &c : random)
            c = char(QRandomGenerator::global()->bounded(256));
        QTest::newRow("no header") << QByteArray();
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("scheme only") << QByteArray("Bearer");
        QTest::newRow("scheme and space") << QByteArray("Bearer ");
        QTest::newRow("garbage") << QByteArray("Bearer garbage");
        QTest::newRow("last character changed") << bearer(flipped);
        QTest::newRow("extended") << bearer(real + "x");
        QTest::newRow("truncated") << bearer(real.left(real.size() / 2));
        QTest::newRow("random bytes") << bearer(random.toBase64());
        QTest::newRow("no scheme") << real;
        QTest::newRow("Basic scheme") << QByteArray("Basic ") + QByteArray("admin:x").toBase64();
        QTest::newRow("JWT alg none") << QByteArray("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        QTest::newRow("token then junk") << bearer(real + " junk");
        QTest::newRow("very long") << bearer(QByteArray(8000, 'A'));
        QTest::newRow("SQL") << QByteArray("Bearer ' OR '1'='1");
    }

    void forgedTokensAreRefused()
    {
        QFETCH(QByteArray, authorization);
        API_CHECK(expectProblem(me(authorization), 401));
    }

    // ~5 failures for one user from one address slow that pair down, and the right password does not get through
    // there while it waits (or throttling would only slow a guesser down until the lucky guess). The same user
    // elsewhere is not locked out: a guesser must not be able to lock anyone out (issue 14, row 3).
    void throttlingPerUserAndAddress()
    {
        const QString password = makeUser("erin");
        QVERIFY(!password.isEmpty());
        const QHostAddress guesser(QStringLiteral("127.0.0.11"));
        int firstThrottled = 0;
        for (int attempt = 1; attempt <= 10 && !firstThrottled; ++attempt) {
            const RawResponse r =
                rawExchange(m_server, signInRequest("erin", "wrong-guess-" + QString::number(attempt)), guesser);
            QVERIFY2(r.answered, qPrintable(r.describe()));
            if (r.status == 429) {
                firstThrottled = attempt;
                API_CHECK(expectRawProblem(r, {429}));
                QVERIFY2(validRetryAfter(r.headers.value("retry-after")),
                         qPrintable("Retry-After: " + r.headers.value("retry-after")));
            } else {
                API_CHECK(expectRawProblem(r, {401}));
            }
        }
        QVERIFY2(firstThrottled > 3, "throttled after three failures: a few typos must not lock a user out");
        QVERIFY2(firstThrottled > 0 && firstThrottled <= 6,
                 "ten wrong passwords from one address were never throttled");
        const RawResponse locked = rawExchange(m_server, signInRequest("erin", password), guesser);
        API_CHECK(expectRawProblem(locked, {429}));
        QVERIFY(!locked.body.contains("token"));
        // Erin, from her own address, signs in.
        const RawResponse fine =
            rawExchange(m_server, signInRequest("erin", password), QHostAddress(QStringLiteral("127.0.0.30")));
        QVERIFY2(fine.answered && fine.status == 201, qPrintable(fine.describe()));
        m_tokens << fine.json().value("token").toString().toUtf8();
    }

    // 40 wrong passwords sent at once for one user from one address: only the free five reach the password check
    // (attempts are counted when they start, not when Argon2id has finished).
    void parallelGuessesAreCountedBeforeTheCheck()
    {
        QVERIFY(!makeUser("gina").isEmpty());
        auto client = makeClient(m_server);
        int pending = 40;
        QList<int> statuses;
        for (int i = 0; i < 40; ++i) {
            ApiRequest req;
            req.method = "POST";
            req.path = QStringLiteral("/api/v1/session");
            req.authenticate = false;
            req.body = QJsonDocument(QJsonObject{{"username", "gina"}, {"password", QStringLiteral("guess-%1").arg(i)}})
                           .toJson(QJsonDocument::Compact);
            client->send(req, this, [&](const ApiResult &r) {
                statuses << r.httpStatus;
                --pending;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 120000);
        QCOMPARE(statuses.count(401), 5);
        QCOMPARE(statuses.count(429), 35);
    }

    // ~50 failures from one address slow that address down, whatever user names it tries, and a forged
    // X-Forwarded-For must not let it pose as another address.
    void throttlingPerAddress()
    {
        const QHostAddress attacker(QStringLiteral("127.0.0.40"));
        int firstThrottled = 0;
        for (int attempt = 1; attempt <= 60 && !firstThrottled; ++attempt) {
            const QString user = QStringLiteral("ghost%1").arg(attempt); // one failure per user name
            const QByteArray spoofed = QByteArray("203.0.113.") + QByteArray::number(attempt);
            const RawResponse r = rawExchange(
                m_server, signInRequest(user, "guess", {{"X-Forwarded-For", spoofed}, {"X-Real-IP", spoofed}}),
                attacker);
            QVERIFY2(r.answered, qPrintable(r.describe()));
            if (r.status == 429) {
                firstThrottled = attempt;
                API_CHECK(expectRawProblem(r, {429}));
                QVERIFY2(validRetryAfter(r.headers.value("retry-after")),
                         qPrintable("Retry-After: " + r.headers.value("retry-after")));
            } else {
                API_CHECK(expectRawProblem(r, {401}));
            }
        }
        QVERIFY2(firstThrottled > 20 && firstThrottled <= 51,
                 "60 failed sign-ins from one address (spoofing X-Forwarded-For) were never throttled");
        const QString admin = m_server.password("admin");
        API_CHECK(expectRawProblem(rawExchange(m_server, signInRequest("admin", admin), attacker), {429}));
        const RawResponse elsewhere =
            rawExchange(m_server, signInRequest("admin", admin), QHostAddress(QStringLiteral("127.0.0.41")));
        QVERIFY2(elsewhere.answered && elsewhere.status == 201, qPrintable(elsewhere.describe()));
        m_tokens << elsewhere.json().value("token").toString().toUtf8();
    }

    // Last: stops the agent so its logs are complete.
    void noSecretsInLogsOrDataFolder()
    {
        QVERIFY2(m_server.stop(), qPrintable(m_server.error()));
        const QByteArray logs = m_server.standardError().toUtf8() + m_server.standardOutput();
        QVERIFY2(!logs.trimmed().isEmpty(), "the agent logged nothing with debug logging on; the check below is void");
        QStringList leaks;
        QStringList secrets = m_server.passwords();
        for (const QByteArray &t : std::as_const(m_tokens))
            if (!t.isEmpty())
                secrets << QString::fromUtf8(t);
        for (const QString &secret : std::as_const(secrets))
            if (logs.contains(secret.toUtf8()))
                leaks << QStringLiteral("agent output contains %1...").arg(secret.left(6));
        // At rest: passwords only as Argon2id hashes, tokens only as hashes (a copied catalogue must not be a key).
        QDirIterator files(m_server.dataDir(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            for (const QString &secret : std::as_const(secrets))
                if (content.contains(secret.toUtf8()))
                    leaks << QStringLiteral("%1 contains %2... in clear text").arg(file.fileName(), secret.left(6));
        }
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestApiSession)
#include "tst_apisession.moc"
