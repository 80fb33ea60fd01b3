#include "dashboardtab.h"

#include "agentclient.h"
#include "customerdirectory.h"
#include "dashboardmodel.h"
#include "format.h"
#include "healthcollector.h"
#include "serveraccess.h"
#include "storageforecast.h"
#include "ui_dashboardtab.h"
#include "vaultcharts.h"

#include <QChartView>
#include <QHeaderView>

namespace vv::ui {

using vv::dashboard::DashboardModel;

namespace {

// setChart() hands the old chart back to the caller: deleted after, never before (the view still holds it).
void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace
using vv::dashboard::VaultHealthRow;

DashboardTab::DashboardTab(const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ui(new Ui::DashboardTab)
    , m_context(context)
    , m_model(new DashboardModel(this))
    , m_storage(new QChartView(this))
    , m_calls(new QChartView(this))
{
    m_ui->setupUi(this);
    m_collector = new vv::dashboard::HealthCollector(
        context.directory,
        [this](qint64 serverId, QObject *, std::function<void(vv::net::AgentClient *)> ready,
               std::function<void(const QString &)> failed) {
            // Never a dialog from a background refresh: a server without a session says so in its row.
            m_context.access->withClient(serverId, this, false, std::move(ready), std::move(failed));
        },
        this);
    m_ui->dashboardTable->setModel(m_model);
    m_ui->dashboardTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->dashboardTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->dashboardTable->verticalHeader()->hide();
    m_storage->setObjectName(QStringLiteral("storageChart"));
    m_calls->setObjectName(QStringLiteral("callsChart"));
    for (QChartView *v : {m_storage, m_calls}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumSize(320, 220);
        m_ui->chartsRow->addWidget(v);
    }
    m_ui->alertsTable->setColumnCount(3);
    m_ui->alertsTable->setHorizontalHeaderLabels({tr("Since"), tr("Severity"), tr("What")});
    m_ui->alertsTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->alertsTable->verticalHeader()->hide();
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);

    connect(m_ui->refreshButton, &QPushButton::clicked, this, &DashboardTab::refresh);
    connect(m_ui->acknowledgeButton, &QPushButton::clicked, this, &DashboardTab::acknowledgeSelected);
    connect(m_ui->alertsTable, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_ui->alertsTable->currentRow();
        m_ui->acknowledgeButton->setEnabled(row >= 0 && row < m_alerts.size() &&
                                            !m_alerts[row].acknowledgedAt.isValid());
    });
    connect(m_ui->dashboardTable, &QAbstractItemView::doubleClicked, this, &DashboardTab::onActivated);
    connect(m_collector, &vv::dashboard::HealthCollector::serverCollected, this,
            [this](qint64 serverId, const QList<VaultHealthRow> &rows) {
                // Keep the selection on the same vault across the re-sort.
                const QModelIndex current = m_ui->dashboardTable->currentIndex();
                const qint64 selServer = current.isValid() ? m_model->rowAt(current.row()).serverId : 0;
                const qint64 selVault = current.isValid() ? m_model->rowAt(current.row()).vaultId : 0;
                m_model->setServerRows(serverId, rows);
                if (selServer) {
                    const int row = m_model->rowOf(selServer, selVault);
                    if (row >= 0)
                        m_ui->dashboardTable->selectRow(row);
                }
                updateSummary();
            });
    connect(m_collector, &vv::dashboard::HealthCollector::finished, this, [this] {
        m_ui->refreshButton->setEnabled(true);
        m_ui->statusLabel->setText(tr("Updated %1.").arg(format::when(QDateTime::currentDateTime())));
        if (!m_ui->dashboardTable->currentIndex().isValid() && m_model->rowCount() > 0)
            m_ui->dashboardTable->selectRow(0);
        Q_EMIT refreshed();
    });
    connect(m_ui->dashboardTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DashboardTab::onSelection);
}

DashboardTab::~DashboardTab()
{
    delete m_ui;
}

void DashboardTab::refresh()
{
    m_ui->refreshButton->setEnabled(false);
    m_ui->statusLabel->setText(tr("Asking every server…"));
    const QList<vv::app::Server> servers = m_context.directory->servers();
    for (qint64 id : [&] {
             QSet<qint64> gone;
             for (int i = 0; i < m_model->rowCount(); ++i)
                 gone.insert(m_model->rowAt(i).serverId);
             for (const vv::app::Server &s : servers)
                 gone.remove(s.id);
             return gone;
         }())
        m_model->removeServer(id); // removed under Servers → Manage servers
    if (servers.isEmpty())
        m_ui->summaryLabel->setText(tr("No servers yet: Servers → Add server."));
    m_collector->refresh();
}

void DashboardTab::updateSummary()
{
    int failing = 0;
    int warning = 0;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const auto h = vv::dashboard::healthOf(m_model->rowAt(i));
        failing += h == vv::dashboard::Health::Failing;
        warning += h == vv::dashboard::Health::Warning;
    }
    if (failing)
        m_ui->summaryLabel->setText(tr("%n vault(s) or server(s) NOT recording properly", nullptr, failing) +
                                    (warning ? tr("; %n need attention", nullptr, warning) : QString()));
    else if (warning)
        m_ui->summaryLabel->setText(tr("Recording; %n vault(s) need attention", nullptr, warning));
    else
        m_ui->summaryLabel->setText(tr("Every vault is recording (%n)", nullptr, m_model->rowCount()));
    m_ui->summaryLabel->setStyleSheet(failing ? QStringLiteral("font-weight: bold; color: #a00000;")
                                              : QStringLiteral("font-weight: bold;"));
}

void DashboardTab::onSelection()
{
    const QModelIndex index = m_ui->dashboardTable->currentIndex();
    if (!index.isValid())
        return;
    const VaultHealthRow row = m_model->rowAt(index.row());
    showAlerts(row.serverId);
    if (!row.vaultId || !row.reachable) {
        m_ui->chartsTitle->setText(tr("%1: %2").arg(row.serverName, vv::dashboard::reasonOf(row)));
        m_ui->forecastLabel->clear();
        return;
    }
    m_ui->chartsTitle->setText(tr("Vault %1 on %2").arg(row.vaultName, row.serverName));
    m_detailPending = 2;
    m_context.access->withClient(
        row.serverId, this, false,
        [this, row](vv::net::AgentClient *client) {
            client->usageSamples(row.vaultId, 30, this, [this, row](const vv::net::ApiResult &r) {
                QString error;
                if (const auto samples = vv::net::answerAs<vv::net::UsageSamples>(r, &error)) {
                    const vv::dashboard::StorageForecast f = vv::dashboard::forecastStorage(*samples);
                    replaceChart(m_storage, vv::dashboard::makeStorageChart(*samples, f));
                    m_ui->forecastLabel->setText(f.text);
                } else {
                    m_ui->forecastLabel->setText(tr("Storage history could not be read: %1").arg(error));
                }
                if (--m_detailPending == 0)
                    Q_EMIT detailsShown();
            });
            client->assurance(row.vaultId, 14, this, [this](const vv::net::ApiResult &r) {
                QString error;
                if (const auto a = vv::net::answerAs<vv::net::Assurance>(r, &error)) {
                    replaceChart(m_calls, vv::dashboard::makeCallsChart(*a));
                } else {
                    m_ui->statusLabel->setText(tr("Calls per day could not be read: %1").arg(error));
                }
                if (--m_detailPending == 0)
                    Q_EMIT detailsShown();
            });
        },
        [this](const QString &why) { m_ui->forecastLabel->setText(why); });
}

void DashboardTab::showAlerts(qint64 serverId)
{
    m_alertsServer = serverId;
    m_context.access->withClient(
        serverId, this, false,
        [this, serverId](vv::net::AgentClient *client) {
            client->healthEvents(true, this, [this, serverId](const vv::net::ApiResult &r) {
                if (serverId != m_alertsServer)
                    return;
                QString error;
                const auto events = vv::net::answerItems<vv::net::HealthEvent>(r, &error);
                m_alerts = events ? *events : QList<vv::net::HealthEvent>();
                const auto server = m_context.directory->server(serverId);
                m_ui->alertsBox->setTitle(events ? tr("Open alerts on %1 (%2)")
                                                       .arg(server ? server->displayName() : QString())
                                                       .arg(m_alerts.size())
                                                 : tr("Alerts could not be read: %1").arg(error));
                m_ui->alertsTable->setRowCount(int(m_alerts.size()));
                for (int i = 0; i < m_alerts.size(); ++i) {
                    const vv::net::HealthEvent &e = m_alerts[i];
                    auto *since = new QTableWidgetItem(format::when(e.openedAt.toLocalTime()));
                    auto *severity = new QTableWidgetItem(e.acknowledgedAt.isValid()
                                                              ? tr("%1 (seen by %2)").arg(e.severity, e.acknowledgedBy)
                                                              : e.severity);
                    auto *what = new QTableWidgetItem(e.detail);
                    what->setToolTip(e.detail);
                    if (e.severity == u"critical" && !e.acknowledgedAt.isValid())
                        for (QTableWidgetItem *item : {since, severity, what})
                            item->setBackground(QColor(0xf8, 0xd7, 0xda));
                    m_ui->alertsTable->setItem(i, 0, since);
                    m_ui->alertsTable->setItem(i, 1, severity);
                    m_ui->alertsTable->setItem(i, 2, what);
                }
                m_ui->alertsTable->resizeRowsToContents();
                m_ui->acknowledgeButton->setEnabled(false);
            });
        },
        [this](const QString &why) { m_ui->alertsBox->setTitle(tr("Alerts: %1").arg(why)); });
}

void DashboardTab::acknowledgeSelected()
{
    const int row = m_ui->alertsTable->currentRow();
    if (row < 0 || row >= m_alerts.size())
        return;
    const qint64 eventId = m_alerts[row].id;
    const qint64 serverId = m_alertsServer;
    m_ui->acknowledgeButton->setEnabled(false);
    m_context.access->withClient(
        serverId, this, true,
        [this, eventId, serverId](vv::net::AgentClient *client) {
            client->acknowledgeEvent(eventId, this, [this, serverId](const vv::net::ApiResult &r) {
                m_ui->statusLabel->setText(r.ok() ? tr("Alert acknowledged.")
                                                  : tr("The alert was not acknowledged: %1").arg(r.errorString));
                showAlerts(serverId);
            });
        },
        [this](const QString &why) { m_ui->statusLabel->setText(why); });
}

void DashboardTab::onActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const VaultHealthRow &row = m_model->rowAt(index.row());
    if (!row.vaultId)
        return;
    for (const vv::app::Service &s : m_context.directory->allServices())
        if (s.serverId == row.serverId && s.vaultId == row.vaultId) {
            Q_EMIT serviceRequested(s);
            return;
        }
    Q_EMIT vaultRequested(vv::app::Service{0, 0, row.serverId, row.vaultId, row.vaultName});
}

} // namespace vv::ui
