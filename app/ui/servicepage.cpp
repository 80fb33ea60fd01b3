#include "servicepage.h"

#include "agentclient.h"
#include "customerdirectory.h"
#include "editvaultdialog.h"
#include "format.h"
#include "loginsdialog.h"
#include "serveraccess.h"
#include "ui_servicepage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#if defined(VIPVAULT_HAVE_RECORDINGS) && __has_include("recordingsview.h")
#include "recordingsview.h"
#define VV_RECORDINGS 1
#endif

namespace vv::ui {

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
#ifndef VV_RECORDINGS
    m_ui->recordingsButton->setEnabled(false);
    m_ui->recordingsButton->setToolTip(tr("This build has no recordings view."));
#endif
}

ServicePage::~ServicePage()
{
    delete m_ui;
}

void ServicePage::setService(const vv::app::Service &service)
{
    m_service = service;
    const auto server = m_context.directory->server(service.serverId);
    m_ui->titleLabel->setText(tr("VoIP service — vault %1").arg(service.vaultName));
    m_ui->urlValue->setText(server ? server->url : QString());
    const auto status = m_context.directory->cached(service.serverId, QStringLiteral("status"));
    const auto vault = m_context.directory->cached(service.serverId, QStringLiteral("vault/%1").arg(service.vaultId));
    showStatus(QJsonDocument::fromJson(status.json).object(), status.fetchedAt);
    showVault(QJsonDocument::fromJson(vault.json).object(), vault.fetchedAt);
    refresh();
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
        setBusy(2, tr("Fetching the server's status…"));
        client->status(this, [this, s](const vv::net::ApiResult &r) {
            setBusy(-1);
            if (!(s == m_service))
                return;
            if (r.ok()) {
                m_context.directory->cache(s.serverId, QStringLiteral("status"), r.data);
                showStatus(r.json.object(), QDateTime::currentDateTimeUtc());
                m_ui->statusLabel->clear();
            } else {
                m_ui->statusLabel->setText(
                    tr("The server did not answer (%1); showing what was last fetched.").arg(r.errorString));
            }
        });
        client->vault(s.vaultId, this, [this, s](const vv::net::ApiResult &r) {
            setBusy(-1);
            if (!(s == m_service))
                return;
            if (r.ok()) {
                m_context.directory->cache(s.serverId, QStringLiteral("vault/%1").arg(s.vaultId), r.data);
                showVault(r.json.object(), QDateTime::currentDateTimeUtc());
            } else if (r.httpStatus == 404) {
                m_ui->statusLabel->setText(tr("The server has no vault %1 any more.").arg(s.vaultId));
            }
        });
    });
}

void ServicePage::showStatus(const QJsonObject &st, const QDateTime &fetched)
{
    if (st.isEmpty()) {
        m_ui->versionValue->setText(QStringLiteral("—"));
        m_ui->captureValue->setText(QStringLiteral("—"));
        m_ui->droppedValue->setText(QStringLiteral("—"));
        m_ui->serverFetched->setText(tr("not fetched yet"));
        return;
    }
    m_ui->versionValue->setText(st.value(QStringLiteral("version")).toString());
    const QString iface = st.value(QStringLiteral("interface")).toString();
    m_ui->captureValue->setText(st.value(QStringLiteral("capture_running")).toBool()
                                    ? tr("running on %1").arg(iface)
                                    : tr("not running (interface: %1)").arg(iface.isEmpty() ? tr("none") : iface));
    m_ui->droppedValue->setText(tr("%1 of %2 captured")
                                    .arg(QLocale().toString(st.value(QStringLiteral("packets_dropped")).toInteger()),
                                         QLocale().toString(st.value(QStringLiteral("packets_captured")).toInteger())));
    m_ui->serverFetched->setText(format::fetched(fetched));
}

void ServicePage::showVault(const QJsonObject &v, const QDateTime &fetched)
{
    if (v.isEmpty()) {
        for (QLabel *l : {m_ui->recordingValue, m_ui->storageValue, m_ui->recordingsValue, m_ui->excludedValue})
            l->setText(QStringLiteral("—"));
        m_ui->vaultFetched->setText(tr("not fetched yet"));
        return;
    }
    const QJsonObject s = v.value(QStringLiteral("settings")).toObject();
    m_ui->recordingValue->setText(s.value(QStringLiteral("enabled")).toBool(true) ? tr("on") : tr("off"));
    const qint64 used = v.value(QStringLiteral("bytes_used")).toInteger();
    m_ui->storageValue->setText(
        s.value(QStringLiteral("storage")).toString() == u"cap"
            ? tr("%1 used of a %2 cap")
                  .arg(format::gb(used), format::gb(s.value(QStringLiteral("cap_bytes")).toInteger()))
            : tr("%1 used; allowed to grow indefinitely").arg(format::gb(used)));
    m_ui->recordingsValue->setText(QLocale().toString(v.value(QStringLiteral("recordings")).toInteger()));
    QStringList excluded;
    for (const QJsonValue &e : s.value(QStringLiteral("excluded")).toArray())
        excluded << e.toString();
    m_ui->excludedValue->setText(excluded.isEmpty() ? tr("none (every extension is recorded)")
                                                    : excluded.join(QStringLiteral(", ")));
    m_ui->vaultFetched->setText(format::fetched(fetched));
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
#ifdef VV_RECORDINGS
    withClient([this](vv::net::AgentClient *client) {
        auto *view = new RecordingsView(client, m_service.vaultId, nullptr);
        view->setAttribute(Qt::WA_DeleteOnClose);
        view->setWindowTitle(tr("Recordings — vault %1").arg(m_service.vaultName));
        connect(this, &QObject::destroyed, view, &QWidget::close);
        view->resize(1000, 640);
        view->show();
    });
#endif
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
