// Writes docs/screenshots/recordings-view.png and player.png: a real agent (tests/api's AgentServer), signed in
// as the customer alice, the recordings view with its first recording open in the player, grabbed offscreen.
// Usage: vv-player-screenshots [OUTPUT_DIR]   (QT_QPA_PLATFORM=offscreen)
#include "apitest.h"
#include "audioplayer.h"
#include "launcher.h"
#include "playerwidget.h"
#include "recordingsmodel.h"
#include "recordingsview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace vv::apitest;
using vv::recordings::RecordingsView;

static bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QTest::qWait(50);
    return done();
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // The system's language, as the app itself does: run with LC_ALL=de_DE.UTF-8 for the German screenshot.
    vv::ui::installTranslations(&app);
    const bool german = QLocale::system().language() == QLocale::German;
    const QString out =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(VIPVAULT_SOURCE_DIR "/docs/screenshots");
    QDir().mkpath(out);
    AgentServer server;
    if (!server.start())
        return qCritical("agent: %s", qPrintable(server.error())), 1;
    QString why;
    const QByteArray token = signIn(server, "alice", server.password("alice"), &why);
    if (token.isEmpty())
        return qCritical("sign-in: %s", qPrintable(why)), 1;
    auto client = makeClient(server, token);
    const QJsonObject me = get(*client, "/api/v1/session").json.object();
    qint64 vault = me.value("vault_id").toInteger();
    if (vault <= 0) {
        const QByteArray admin = signIn(server, "admin", server.password("admin"));
        auto reseller = makeClient(server, admin);
        for (const QJsonObject &v : items(get(*reseller, "/api/v1/vaults")))
            if (v.value("name").toString() == "acme")
                vault = v.value("id").toInteger();
    }
    // A note on the newest recording, as a customer would write one (shown in the Note column and under the player).
    {
        const QList<QJsonObject> newest =
            items(get(*client, QStringLiteral("/api/v1/vaults/%1/recordings").arg(vault), QUrlQuery{{"limit", "1"}}));
        if (!newest.isEmpty()) {
            ApiRequest note;
            note.method = "PUT";
            note.path = QStringLiteral("/api/v1/recordings/%1/annotation").arg(newest.first().value("id").toInteger());
            note.body = german ? QByteArray("{\"text\":\"Angebot per E-Mail gewünscht, Freitag zurückrufen\"}")
                               : QByteArray("{\"text\":\"Wants the quote by email, call back Friday\"}");
            send(*client, note);
        }
    }
    RecordingsView view(client.get(), vault);
    view.resize(1000, 640);
    view.show();
    if (!waitFor([&] { return view.model()->rowCount() > 0 && !view.model()->isLoading(); }, 30000))
        return qCritical("no recordings loaded"), 1;
    view.table()->selectRow(0);
    auto *player = view.playerWidget()->player();
    waitFor([&] { return player->envelope().complete; }, 30000);
    player->seek(player->duration() / 3);
    QTest::qWait(300);
    if (german) {
        view.grab().save(out + "/recordings-view-de.png");
        qInfo("wrote %s/recordings-view-de.png", qPrintable(out));
        return 0;
    }
    view.grab().save(out + "/recordings-view.png");
    view.playerWidget()->grab().save(out + "/player.png");
    // A number typed as people say it finds the call the PBX stored as 07700900101 (acme's plan is the UK's).
    auto *number = view.findChild<QLineEdit *>("numberEdit");
    number->setText("+44 7700 900101");
    QTest::keyClick(number, Qt::Key_Return);
    if (!waitFor([&] { return view.model()->total() == 1 && !view.model()->isLoading(); }, 30000))
        return qCritical("the number search found %lld", view.model()->total()), 1;
    view.table()->selectRow(0);
    QTest::qWait(300);
    view.grab().save(out + "/number-search.png");
    qInfo("wrote %s/recordings-view.png, player.png and number-search.png", qPrintable(out));
    return 0;
}
