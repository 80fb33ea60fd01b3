// The desktop app at scale: a reseller directory of N customers (default 100,000) in the real SQLite
// directory; search as you type through the real Customers tab (QLineEdit → CustomerFilterProxy → CustomerModel →
// table repaint), app start to usable window both in-process (the real MainWindow) and as a real `vipvault`
// process (its --print-ready line, once to the sign-in dialog and once signed in to a real agent), and memory.
// Runs under QT_QPA_PLATFORM=offscreen unless a platform is chosen.
#include "agentserver.h"
#include "benchreport.h"
#include "customerdirectory.h"
#include "customerfilterproxy.h"
#include "customermodel.h"
#include "customerstab.h"
#include "keychaincredentialstore.h"
#include "mainwindow.h"
#include "serveraccess.h"
#include "serverconnections.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <random>

namespace {

// Deterministic, varied directory rows: words repeat across customers the way real names, towns and mail domains
// do, so a search narrows gradually instead of matching one row or none.
QList<vv::app::Customer> makeCustomers(int n)
{
    static const char *first[] = {"James", "Mary",  "John",   "Patricia", "Robert", "Jennifer", "Michael", "Linda",
                                  "David", "Susan", "Thomas", "Sarah",    "Daniel", "Karen",    "Mark",    "Emma",
                                  "Paul",  "Ruth",  "Steven", "Helen",    "Andrew", "Alice",    "Peter",   "Grace"};
    static const char *last[] = {"Smith", "Jones",    "Taylor", "Brown",    "Williams", "Wilson", "Johnson", "Davies",
                                 "Patel", "Robinson", "Wright", "Thompson", "Evans",    "Walker", "White",   "Roberts",
                                 "Green", "Hall",     "Wood",   "Jackson",  "Clarke",   "Khan",   "Hughes",  "Edwards"};
    static const char *trade[] = {"Plumbing", "Dental",   "Motors", "Legal",     "Bakery",   "Builders", "Accounts",
                                  "Florist",  "Optician", "Garage", "Surveyors", "Pharmacy", "Lettings", "Catering"};
    static const char *town[] = {"Leeds", "York",  "Bristol", "Derby",  "Exeter", "Bath",    "Hull",
                                 "Crewe", "Truro", "Lincoln", "Durham", "Oxford", "Norwich", "Preston"};
    std::mt19937 rng(20261126);
    auto pick = [&rng](const auto &array) { return QString::fromLatin1(array[rng() % std::size(array)]); };
    QList<vv::app::Customer> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        vv::app::Customer c;
        const QString owner = pick(last);
        const QString place = pick(town);
        c.name = QStringLiteral("%1 %2 %3 Ltd").arg(owner, place, pick(trade));
        c.accountNumber = QStringLiteral("ACC-%1").arg(i + 1, 6, 10, QLatin1Char('0'));
        c.contact = QStringLiteral("%1 %2").arg(pick(first), owner);
        c.phone = QStringLiteral("01632 %1").arg(rng() % 1000000, 6, 10, QLatin1Char('0'));
        c.email = QStringLiteral("office@%1-%2.example").arg(owner.toLower(), place.toLower());
        if (i % 3 == 0)
            c.notes = QStringLiteral("Hosted PBX since %1; invoice by post").arg(2015 + int(rng() % 10));
        out << c;
    }
    return out;
}

QString fmtMs(double ms)
{
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 1);
}

// VmHWM/VmRSS of another process, in MB (0 when unreadable).
double procStatusMb(qint64 pid, const char *field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field)) + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

struct ProcessRun
{
    double signInMs = -1; // process start → sign-in dialog painted
    double mainMs = -1;   // process start → main window painted (signed in)
    double peakMb = 0;
    double rssMb = 0;
    QString error;
};

// One real `vipvault` process; returns when `until` ("sign-in" or "main") has been reported, then stops it.
ProcessRun runApp(const QString &bin, const QStringList &args, const QByteArray &stdinText, const QString &until)
{
    ProcessRun run;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    p.start(bin, args);
    if (!stdinText.isEmpty())
        p.write(stdinText);
    QByteArray out;
    bool done = false;
    while (!done && p.waitForReadyRead(30000)) {
        out += p.readAllStandardOutput();
        int nl;
        while ((nl = out.indexOf('\n')) >= 0) {
            const QJsonObject o = QJsonDocument::fromJson(out.left(nl)).object();
            out.remove(0, nl + 1);
            if (o.value(QStringLiteral("event")).toString() != u"ready")
                continue;
            const double ms = t.nsecsElapsed() / 1e6;
            const QString window = o.value(QStringLiteral("window")).toString();
            if (window == u"sign-in")
                run.signInMs = ms;
            if (window == u"main")
                run.mainMs = ms;
            if (window == until) {
                run.peakMb = procStatusMb(p.processId(), "VmHWM:");
                run.rssMb = procStatusMb(p.processId(), "VmRSS:");
                done = true;
            }
        }
    }
    if (!done)
        run.error = QStringLiteral("no ready line for %1: %2").arg(until, QString::fromUtf8(p.readAllStandardError()));
    p.terminate();
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished();
    }
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&args](const QString &name, const QString &fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const int n = option(QStringLiteral("--customers"), QStringLiteral("100000")).toInt();
    const int runs = option(QStringLiteral("--runs"), QStringLiteral("5")).toInt();
    const QString docPath = option(QStringLiteral("--doc"), QString());
    const QString appBin = option(QStringLiteral("--app"), QStringLiteral(VIPVAULT_APP_BIN));
    const bool withAgent = !args.contains(QStringLiteral("--no-agent"));
    const QString note = option(QStringLiteral("--note"), QString()); // e.g. what else the machine was doing

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("directory.sqlite"));
    double fillS = 0;
    {
        std::printf("building a directory of %d customers ...\n", n);
        vv::app::CustomerDirectory fill;
        QString error;
        if (!fill.open(dbPath, &error))
            qFatal("%s", qPrintable(error));
        QList<vv::app::Customer> customers = makeCustomers(n);
        QElapsedTimer t;
        t.start();
        if (!fill.addCustomers(&customers))
            qFatal("%s", qPrintable(fill.lastError()));
        fillS = t.elapsed() / 1000.0;
    }

    // ---- in-process: open the directory, load the model, build and show the real MainWindow, first paint ----
    const double rssBeforeMb = peakRssMb();
    QElapsedTimer t;
    t.start();
    vv::app::CustomerDirectory directory;
    QString error;
    if (!directory.open(dbPath, &error))
        qFatal("%s", qPrintable(error));
    const double openMs = t.nsecsElapsed() / 1e6;
    vv::app::CustomerModel customers(&directory);
    const double modelMs = t.nsecsElapsed() / 1e6;
    vv::app::KeychainCredentialStore credentials;
    vv::app::ServerConnections connections(&directory);
    vv::ui::ServerAccess access(&connections, &credentials);
    const vv::ui::AppContext context{&directory, &customers, &credentials, &connections, &access};
    vv::ui::MainWindow window(context);
    const double constructMs = t.nsecsElapsed() / 1e6;
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qFatal("main window never exposed");
    window.repaint(); // synchronous: the table's visible rows are painted before we stop the clock
    QCoreApplication::processEvents();
    const double shownMs = t.nsecsElapsed() / 1e6;
    if (customers.rowCount() != n)
        qFatal("model holds %d rows, expected %d", customers.rowCount(), n);

    // ---- search as you type through the real widgets ----
    auto *search = window.customersTab()->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    auto *table = window.customersTab()->findChild<QTableView *>(QStringLiteral("customerTable"));
    if (!search || !table)
        qFatal("Customers tab without customerSearch/customerTable");
    search->setFocus();
    // What a reseller types: a surname, a town and trade, an account number, a phone prefix, a mail domain, a
    // contact's first name, and a miss. Each is typed, then erased key by key (widening the filter is the costlier
    // direction: rows come back).
    const QStringList queries = {QStringLiteral("smith"),       QStringLiteral("york dental"),
                                 QStringLiteral("acc-04217"),   QStringLiteral("01632 55"),
                                 QStringLiteral("@patel-bath"), QStringLiteral("grace hughes"),
                                 QStringLiteral("zzqx")};
    std::vector<double> keystrokes;
    std::vector<double> narrowing;
    std::vector<double> widening;
    QString slowestKey;
    double slowest = 0;
    int matchesSmith = -1;
    for (int repeat = 0; repeat < 3; ++repeat) {
        for (const QString &q : queries) {
            for (int i = 0; i < q.size(); ++i) {
                QElapsedTimer k;
                k.start();
                QTest::keyClick(search, q.at(i).toLatin1());
                QCoreApplication::processEvents(); // the table's repaint and the count label
                const double ms = k.nsecsElapsed() / 1e6;
                keystrokes.push_back(ms);
                narrowing.push_back(ms);
                if (ms > slowest) {
                    slowest = ms;
                    slowestKey = QStringLiteral("typing \"%1\"").arg(q.left(i + 1));
                }
            }
            if (q == u"smith")
                matchesSmith = table->model()->rowCount();
            for (int i = q.size(); i > 0; --i) {
                QElapsedTimer k;
                k.start();
                QTest::keyClick(search, Qt::Key_Backspace);
                QCoreApplication::processEvents();
                const double ms = k.nsecsElapsed() / 1e6;
                keystrokes.push_back(ms);
                widening.push_back(ms);
                if (ms > slowest) {
                    slowest = ms;
                    slowestKey = QStringLiteral("erasing to \"%1\"").arg(q.left(i - 1));
                }
            }
            if (table->model()->rowCount() != n)
                qFatal("search box emptied but %d of %d rows shown", table->model()->rowCount(), n);
        }
    }
    const Stats all = summarise(keystrokes);
    const Stats typed = summarise(narrowing);
    const Stats erased = summarise(widening);
    const double inProcessPeakMb = peakRssMb();

    // ---- a real vipvault process ----
    std::vector<double> toSignIn;
    double signInPeakMb = 0;
    for (int i = 0; i < runs; ++i) {
        const ProcessRun r = runApp(appBin, {QStringLiteral("--directory"), dbPath, QStringLiteral("--print-ready")},
                                    {}, QStringLiteral("sign-in"));
        if (!r.error.isEmpty())
            qFatal("%s", qPrintable(r.error));
        toSignIn.push_back(r.signInMs);
        signInPeakMb = std::max(signInPeakMb, r.peakMb);
    }
    std::vector<double> toMain;
    double mainPeakMb = 0;
    double mainRssMb = 0;
    if (withAgent) {
        vv::apitest::AgentServer agent;
        if (!agent.start())
            qFatal("agent: %s", qPrintable(agent.error()));
        const QByteArray password = agent.password(QStringLiteral("admin")).toUtf8() + '\n';
        for (int i = 0; i < runs; ++i) {
            const ProcessRun r =
                runApp(appBin,
                       {QStringLiteral("--directory"), dbPath, QStringLiteral("--server"), agent.baseUrl().toString(),
                        QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--trust"),
                        agent.certificateSha256(), QStringLiteral("--password-stdin"), QStringLiteral("--print-ready")},
                       password, QStringLiteral("main"));
            if (!r.error.isEmpty())
                qFatal("%s", qPrintable(r.error));
            toMain.push_back(r.mainMs);
            mainPeakMb = std::max(mainPeakMb, r.peakMb);
            mainRssMb = std::max(mainRssMb, r.rssMb);
        }
        agent.stop();
    }
    const Stats signInStats = summarise(toSignIn);
    const Stats mainStats = summarise(toMain);

    auto verdict = [](double ms, double target) {
        return ms < target ? QStringLiteral("< %1 ms ✓").arg(target) : QStringLiteral("< %1 ms ✗").arg(target);
    };
    QString md;
    md += QStringLiteral("## Desktop app at scale (`bench_app`)\n\n");
    md += QStringLiteral("Machine: %1. Build: %2. Qt platform: %3.\n\n")
              .arg(machineDescription(), QStringLiteral(VIPVAULT_BUILD_TYPE), QGuiApplication::platformName());
    md += QStringLiteral(
              "Method: a customer directory of %1 customers (real SQLite file through `CustomerDirectory`, filled in "
              "one transaction in %2 s; varied names, towns, trades, account numbers, phones, e-mail domains, notes "
              "on a third). **Search as you type**: the real `MainWindow` is shown and each key is sent with "
              "`QTest::keyClick` to the Customers tab's search box; the clock runs from the key press until the "
              "event loop has run the `CustomerFilterProxy` refilter, the count label and the table's repaint. "
              "Queries (%3) are typed then erased key by key, three times: %4 keystrokes. **Start**: in-process, "
              "open the directory → `CustomerModel` loads every row on the GUI thread (the app itself reads them on a "
              "worker thread while the sign-in dialog is up) → `MainWindow` built → shown and painted; and "
              "a real `vipvault` process (%5 runs each) started under `QT_QPA_PLATFORM=offscreen` until its "
              "`--print-ready` line, which it prints once the window has painted for the first time: first to the "
              "sign-in dialog, then signed in with `--password-stdin` to a real `vipvault-agent` on loopback (TLS, "
              "Argon2id sign-in) until the main window with all %1 customers has painted. Command: "
              "`build/bench/bench_app --customers %1`.\n\n")
              .arg(n)
              .arg(fillS, 0, 'f', 1)
              .arg(queries.join(QStringLiteral(", ")))
              .arg(all.samples)
              .arg(runs);
    if (!note.isEmpty())
        md += QStringLiteral("Note: %1\n\n").arg(note);
    md += QStringLiteral("| measure | result | target |\n|---|---|---|\n");
    md += QStringLiteral("| keystroke → filtered and repainted, median (%1 keystrokes) | %2 | %3 |\n")
              .arg(all.samples)
              .arg(fmtMs(all.medianMs), verdict(all.medianMs, 50));
    md += QStringLiteral("| same, p99 | %1 | %2 |\n").arg(fmtMs(all.p99Ms), verdict(all.p99Ms, 50));
    md += QStringLiteral("| same, slowest (%1) | %2 | |\n").arg(slowestKey, fmtMs(all.maxMs));
    md += QStringLiteral("| typing (narrowing), median / p99 | %1 / %2 | |\n")
              .arg(fmtMs(typed.medianMs), fmtMs(typed.p99Ms));
    md += QStringLiteral("| erasing (widening), median / p99 | %1 / %2 | |\n")
              .arg(fmtMs(erased.medianMs), fmtMs(erased.p99Ms));
    md += QStringLiteral("| \"smith\" matches | %1 of %2 | |\n").arg(matchesSmith).arg(n);
    md += QStringLiteral("| in-process: open directory | %1 | |\n").arg(fmtMs(openMs));
    md += QStringLiteral("| in-process: + load %1 customers into the model | %2 | |\n")
              .arg(n)
              .arg(fmtMs(modelMs - openMs));
    md += QStringLiteral("| in-process: + build `MainWindow` | %1 | |\n").arg(fmtMs(constructMs - modelMs));
    md += QStringLiteral("| in-process: + show and first paint | %1 | |\n").arg(fmtMs(shownMs - constructMs));
    md += QStringLiteral("| in-process: directory open → usable main window | %1 | %2 |\n")
              .arg(fmtMs(shownMs), verdict(shownMs, 1000));
    md += QStringLiteral("| `vipvault` process start → sign-in dialog painted, median (max) | %1 (%2) | %3 |\n")
              .arg(fmtMs(signInStats.medianMs), fmtMs(signInStats.maxMs), verdict(signInStats.medianMs, 1000));
    if (withAgent)
        md += QStringLiteral("| `vipvault` process start → signed in, main window with %1 customers painted, median "
                             "(max) | %2 (%3) | %4 |\n")
                  .arg(n)
                  .arg(fmtMs(mainStats.medianMs), fmtMs(mainStats.maxMs), verdict(mainStats.medianMs, 1000));
    md += QStringLiteral(
              "| memory: this benchmark process, peak (directory + model + window; %1 MB before) | %2 MB | |\n")
              .arg(rssBeforeMb, 0, 'f', 0)
              .arg(inProcessPeakMb, 0, 'f', 0);
    md += QStringLiteral("| memory: `vipvault` at the sign-in dialog, peak | %1 MB | |\n").arg(signInPeakMb, 0, 'f', 0);
    if (withAgent)
        md += QStringLiteral("| memory: `vipvault` signed in with %1 customers, resident (peak) | %2 MB (%3 MB) | |\n")
                  .arg(n)
                  .arg(mainRssMb, 0, 'f', 0)
                  .arg(mainPeakMb, 0, 'f', 0);
    std::fputs(qPrintable(md), stdout);
    if (!docPath.isEmpty() && !writeSection(docPath, QStringLiteral("app"), md))
        qFatal("cannot write %s", qPrintable(docPath));
    return 0;
}
