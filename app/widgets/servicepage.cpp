#include "servicepage.h"

#include "agentclient.h"
#include "apimodel.h"
#include "auditdialog.h"
#include "customerdirectory.h"
#include "editvaultdialog.h"
#include "format.h"
#include "loginsdialog.h"
#include "prompts.h"
#include "recordingsview.h"
#include "serveraccess.h"
#include "ui_servicepage.h"

#include <QJsonDocument>
#include <QLocale>
#include <QTableWidget>

namespace vv::ui {

using vv::recordings::RecordingsView;

ServicePage::ServicePage(const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ui(new Ui::ServicePage)
    , m_context(context)
{
    m_ui->setupUi(this);
    connect(m_ui->backButton, &QPushButton::clicked, this, &ServicePage::backRequested);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &ServicePage::refresh);
    connect(m_ui->editVaultButton, &QPushButton::clicked, this, &ServicePage::editVault);
    connect(m_ui->recordingsButton, &QPushButton::clicked, this, &ServicePage::openRecordings);
    connect(m_ui->loginsButton, &QPushButton::clicked, this, &ServicePage::openLogins);
    connect(m_ui->auditButton, &QPushButton::clicked, this, &ServicePage::openAudit);
}

ServicePage::~ServicePage()
{
    delete m_ui;
}

void ServicePage::setService(const vv::app::Service &service)
{
    m_service = service;
    m_unreachable.clear();
    const auto server = m_context.directory->server(service.serverId);
    m_ui->titleLabel->setText(tr("VoIP service — vault %1").arg(service.vaultName));
    m_ui->urlValue->setText(server ? server->url : QString());
    const auto status = m_context.directory->cached(service.serverId, QStringLiteral("status"));
    const auto vault = m_context.directory->cached(service.serverId, QStringLiteral("vault/%1").arg(service.vaultId));
    // What was cached is parsed like a fresh answer; a cache from an older app that no longer parses shows as
    // "not fetched yet" until the refresh below answers.
    QString ignored;
    vv::net::ServerStatus st;
    vv::net::Vault v;
    const bool haveStatus = parse(QJsonDocument::fromJson(status.json).object(), &st, &ignored);
    const bool haveVault = parse(QJsonDocument::fromJson(vault.json).object(), &v, &ignored);
    showStatus(haveStatus ? std::optional(st) : std::nullopt, status.fetchedAt);
    showVault(haveVault ? std::optional(v) : std::nullopt, vault.fetchedAt);
    refresh();
}

void ServicePage::setBackVisible(bool visible)
{
    m_ui->backButton->setVisible(visible);
}

void ServicePage::setBusy(int delta, const QString &message)
{
    m_busy = qMax(0, m_busy + delta);
    m_ui->progressBar->setVisible(m_busy > 0);
    if (!message.isNull())
        m_ui->statusLabel->setText(message);
}

void ServicePage::withClient(std::function<void(vv::net::AgentClient *)> then)
{
    m_context.access->withClient(m_service.serverId, this, true, std::move(then), [this](const QString &why) {
        m_ui->statusLabel->setText(why + QLatin1Char(' ') + tr("Showing what was last fetched."));
    });
}

void ServicePage::refresh()
{
    const vv::app::Service s = m_service;
    withClient([this, s](vv::net::AgentClient *client) {
        setBusy(3, tr("Fetching the server's status…"));
        loadRecent(client);
        client->status(this, [this, s](const vv::net::ApiResult &r) {
            setBusy(-1);
            if (!(s == m_service))
                return;
            QString error;
            if (const auto st = vv::net::answerAs<vv::net::ServerStatus>(r, &error)) {
                m_context.directory->cache(s.serverId, QStringLiteral("status"), r.data);
                showStatus(st, QDateTime::currentDateTimeUtc());
                m_ui->statusLabel->clear();
                m_unreachable.clear();
            } else {
                m_unreachable = error;
                m_ui->statusLabel->setText(
                    r.error == vv::net::ApiError::CertificateChanged
                        ? tr("The server answered with a different certificate from the one trusted, so nothing was "
                             "fetched. Open Servers → Manage servers to compare the fingerprints and trust the new "
                             "one once the server's administrator confirms it. Showing what was last fetched.")
                        : tr("The server did not answer (%1); showing what was last fetched.").arg(error));
            }
            showFailing();
        });
        client->vault(s.vaultId, this, [this, s](const vv::net::ApiResult &r) {
            setBusy(-1);
            if (!(s == m_service))
                return;
            QString error;
            if (const auto v = vv::net::answerAs<vv::net::Vault>(r, &error)) {
                m_context.directory->cache(s.serverId, QStringLiteral("vault/%1").arg(s.vaultId), r.data);
                showVault(v, QDateTime::currentDateTimeUtc());
            } else if (r.httpStatus == 404) {
                m_ui->statusLabel->setText(tr("The server has no vault %1 any more.").arg(s.vaultId));
            } else {
                m_ui->statusLabel->setText(tr("The vault could not be read (%1).").arg(error));
            }
        });
    });
}

void ServicePage::showStatus(const std::optional<vv::net::ServerStatus> &st, const QDateTime &fetched)
{
    m_status = st;
    m_statusFetched = fetched;
    if (!st) {
        m_ui->lastRecordingValue->setText(QStringLiteral("—"));
        m_ui->alertsValue->setText(QStringLiteral("—"));
        m_ui->versionValue->setText(QStringLiteral("—"));
        m_ui->captureValue->setText(QStringLiteral("—"));
        m_ui->droppedValue->setText(QStringLiteral("—"));
        m_ui->serverFetched->setText(tr("not fetched yet"));
        return;
    }
    m_ui->versionValue->setText(st->version);
    m_ui->captureValue->setText(
        st->captureRunning ? tr("running on %1").arg(st->interface)
        : st->captureError.isEmpty()
            ? (st->interface.isEmpty() || st->interface == u"none"
                   ? tr("NOT running: no network interface is set for capture. Set interface in the agent's "
                        "configuration.")
                   : tr("NOT running on %1").arg(st->interface))
            : tr("NOT running on %1: %2").arg(st->interface, st->captureError));
    m_ui->droppedValue->setText(
        tr("%1 of %2 captured").arg(QLocale().toString(st->packetsDropped), QLocale().toString(st->packetsCaptured)));
    m_ui->lastRecordingValue->setText(st->lastRecordingAt.isValid() ? format::when(st->lastRecordingAt.toLocalTime())
                                                                    : tr("none since the agent started"));
    m_ui->alertsValue->setText(
        st->openHealthEvents ? tr("%n open: see the Dashboard tab", nullptr, st->openHealthEvents) : tr("none"));
    m_ui->alertsValue->setStyleSheet(st->openHealthEvents ? QStringLiteral("color: #8a5300; font-weight: bold;")
                                                          : QString());
    m_ui->serverFetched->setText(format::fetched(fetched));
    showFailing();
}

void ServicePage::showFailing()
{
    const bool enabled = m_vault && m_vault->settings && m_vault->settings->enabled;
    QString failing;
    QString recording;
    if (!m_unreachable.isEmpty()) {
        failing = tr("Cannot reach the agent (%1): whether calls are being recorded is unknown.").arg(m_unreachable);
        recording = enabled
                        ? tr("UNKNOWN: the server is unreachable (it was on, %1)").arg(format::fetched(m_statusFetched))
                        : tr("UNKNOWN: the server is unreachable");
    } else if (enabled && m_status && !m_status->captureRunning &&
               (m_status->interface.isEmpty() || m_status->interface == u"none")) {
        failing = tr("NOT RECORDING: this agent has no capture interface configured (interface = none in its "
                     "configuration), so it sees no calls.");
        recording = tr("on, but NOT RECORDING (no capture interface)");
    } else if (enabled && m_status && !m_status->captureRunning) {
        const QString why = m_status->captureError.isEmpty() ? tr("capture is not running") : m_status->captureError;
        failing = tr("NOT RECORDING: the agent cannot capture calls on %1 (%2). The agent retries every few seconds.")
                      .arg(m_status->interface.isEmpty() ? tr("its interface") : m_status->interface, why);
        recording = tr("on, but NOT RECORDING (capture down)");
    }
    m_ui->failingLabel->setText(failing);
    m_ui->failingLabel->setVisible(!failing.isEmpty());
    if (!recording.isEmpty()) {
        m_ui->recordingValue->setText(recording);
        m_ui->recordingValue->setStyleSheet(QStringLiteral("color: #a00000; font-weight: bold;"));
    } else if (m_vault && m_vault->settings) {
        m_ui->recordingValue->setText(enabled ? tr("on") : tr("off"));
        m_ui->recordingValue->setStyleSheet(QString());
    }
    if (m_status && m_status->captureRunning)
        m_ui->captureValue->setStyleSheet(QString());
    else if (m_status)
        m_ui->captureValue->setStyleSheet(QStringLiteral("color: #a00000; font-weight: bold;"));
}

void ServicePage::showVault(const std::optional<vv::net::Vault> &v, const QDateTime &fetched)
{
    m_vault = v;
    if (!v || !v->settings) {
        for (QLabel *l : {m_ui->recordingValue, m_ui->storageValue, m_ui->recordingsValue, m_ui->excludedValue})
            l->setText(QStringLiteral("—"));
        m_ui->vaultFetched->setText(v ? tr("the agent sent no settings: is this account the reseller's?")
                                      : tr("not fetched yet"));
        return;
    }
    const vv::net::VaultSettings &s = *v->settings;
    m_ui->recordingValue->setText(s.enabled ? tr("on") : tr("off"));
    m_ui->storageValue->setText(s.capped()
                                    ? tr("%1 used of a %2 cap").arg(format::gb(v->bytesUsed), format::gb(*s.capBytes))
                                    : tr("%1 used; allowed to grow indefinitely").arg(format::gb(v->bytesUsed)));
    m_ui->recordingsValue->setText(QLocale().toString(v->recordings));
    m_ui->excludedValue->setText(s.excluded.isEmpty() ? tr("none (every extension is recorded)")
                                                      : s.excluded.join(QStringLiteral(", ")));
    m_ui->vaultFetched->setText(format::fetched(fetched));
    showFailing();
}

void ServicePage::editVault()
{
    withClient([this](vv::net::AgentClient *client) {
        auto *dialog = new EditVaultDialog(client, m_service.vaultId, m_service.vaultName, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, &ServicePage::refresh);
        dialog->open();
    });
}

void ServicePage::openRecordings()
{
    withClient([this](vv::net::AgentClient *client) {
        auto *view = new RecordingsView(client, m_service.vaultId, nullptr);
        view->setAttribute(Qt::WA_DeleteOnClose);
        // The reseller's window: protect, unprotect and delete too, confirmed like every destructive action.
        view->setManageable(true);
        view->setConfirm([view](const QString &title, const QString &text) {
            return Prompts::ask(view, Prompts::Kind::ConfirmDestructive, title, text);
        });
        view->setWindowTitle(tr("Recordings — vault %1").arg(m_service.vaultName));
        connect(this, &QObject::destroyed, view, &QWidget::close);
        view->resize(1000, 640);
        view->show();
    });
}

void ServicePage::loadRecent(vv::net::AgentClient *client)
{
    // Every call of the vault, not only recorded ones: what was missed or not recorded (and why) shows here too.
    vv::net::RecordingFilter f;
    f.limit = 10;
    const vv::app::Service s = m_service;
    client->listRecordings(s.vaultId, f, this, [this, s](const vv::net::ApiResult &r) {
        setBusy(-1);
        if (!(s == m_service))
            return;
        QString error;
        const auto page = r.ok() ? vv::net::answerAs<vv::net::RecordingPage>(r, &error) : std::nullopt;
        QTableWidget *t = m_ui->recentTable;
        if (!page) {
            t->setRowCount(0);
            m_ui->recentGroup->setTitle(
                tr("Latest calls: could not be fetched (%1)").arg(r.ok() ? error : r.errorString));
            return;
        }
        m_ui->recentGroup->setTitle(page->total == 0 ? tr("Latest calls: none yet") : tr("Latest calls"));
        t->setColumnCount(6);
        t->setHorizontalHeaderLabels(
            {tr("When"), tr("Direction"), tr("Extension"), tr("Other party"), tr("Length"), tr("Recording")});
        t->setRowCount(int(page->items.size()));
        for (int row = 0; row < page->items.size(); ++row) {
            const vv::net::Recording &c = page->items.at(row);
            const QString other = c.direction == u"outbound" ? c.callee : c.caller;
            const qint64 secs = c.durationMs / 1000;
            const QString recording = c.outcome == u"missed"     ? tr("MISSED: %1").arg(c.reason)
                                      : c.outcome == u"degraded" ? tr("recorded, with problems")
                                      : c.recorded               ? tr("recorded")
                                                                 : tr("not recorded: %1").arg(c.reason);
            const QStringList cells{format::when(c.startedAt),
                                    c.direction.isEmpty() ? QString()
                                                          : c.direction.left(1).toUpper() + c.direction.mid(1),
                                    c.extension,
                                    other,
                                    QStringLiteral("%1:%2").arg(secs / 60).arg(secs % 60, 2, 10, QLatin1Char('0')),
                                    recording};
            for (int col = 0; col < cells.size(); ++col)
                t->setItem(row, col, new QTableWidgetItem(cells.at(col)));
        }
        t->resizeColumnsToContents();
    });
}

void ServicePage::openAudit()
{
    withClient([this](vv::net::AgentClient *client) {
        auto *dialog = new AuditDialog(client, m_service.vaultId, m_service.vaultName, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

void ServicePage::openLogins()
{
    withClient([this](vv::net::AgentClient *client) {
        auto *dialog = new LoginsDialog(client, m_service.vaultId, m_service.vaultName, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
}

} // namespace vv::ui
