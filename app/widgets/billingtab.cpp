#include "billingtab.h"

#include "agentclient.h"
#include "apimodel.h"
#include "customercsv.h"
#include "customerdirectory.h"
#include "format.h"
#include "prompts.h"
#include "serveraccess.h"
#include "ui_billingtab.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QSaveFile>

namespace vv::ui {

BillingTab::BillingTab(const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ui(new Ui::BillingTab)
    , m_context(context)
{
    m_ui->setupUi(this);
    m_ui->monthEdit->setDate(QDate::currentDate());
    m_ui->billingTable->setColumnCount(ColumnCount);
    m_ui->billingTable->setHorizontalHeaderLabels(
        {tr("Customer"), tr("Server"), tr("Vault"), tr("Used now"), tr("GB-months"), tr("Charge")});
    m_ui->billingTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->billingTable->horizontalHeader()->setSectionResizeMode(Customer, QHeaderView::Stretch);
    m_ui->billingTable->verticalHeader()->setVisible(false);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &BillingTab::refresh);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &BillingTab::exportCsv);
    connect(m_ui->monthEdit, &QDateEdit::dateChanged, this, &BillingTab::refresh);
}

BillingTab::~BillingTab()
{
    delete m_ui;
}

QString BillingTab::month() const
{
    return m_ui->monthEdit->date().toString(QStringLiteral("yyyy-MM"));
}

void BillingTab::refresh()
{
    const int generation = ++m_generation; // answers for an earlier month are dropped
    const QList<vv::app::Service> services = m_context.directory->allServices();
    m_ui->billingTable->setRowCount(int(services.size()));
    m_pending = int(services.size());
    m_ui->progressBar->setRange(0, qMax(1, m_pending));
    m_ui->progressBar->setValue(0);
    m_ui->progressBar->setVisible(m_pending > 0);
    m_ui->statusLabel->setText(services.isEmpty() ? tr("No VoIP services yet.")
                                                  : tr("Fetching usage for %1…").arg(month()));
    QStringList problems;
    for (int row = 0; row < services.size(); ++row) {
        const vv::app::Service s = services.at(row);
        const auto customer = m_context.directory->customer(s.customerId);
        const auto server = m_context.directory->server(s.serverId);
        const QStringList cells{customer ? customer->name : QString(),
                                server ? server->url : QString(),
                                s.vaultName,
                                QStringLiteral("…"),
                                QStringLiteral("…"),
                                QStringLiteral("…")};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c >= UsedNow)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_ui->billingTable->setItem(row, c, item);
        }
        auto done = [this, generation, row](const std::optional<vv::net::VaultUsage> &usage, const QString &error) {
            if (generation != m_generation)
                return;
            if (usage && usage->statement) {
                const vv::net::Statement &st = *usage->statement;
                m_ui->billingTable->item(row, UsedNow)->setText(format::gb(usage->bytesUsed));
                m_ui->billingTable->item(row, GbMonths)->setText(QString::number(st.gbMonths, 'f', 4));
                m_ui->billingTable->item(row, Charge)->setText(format::pounds(st.amountGbp));
                m_ui->billingTable->item(row, Charge)->setData(Qt::UserRole, st.amountGbp);
            } else {
                for (int c = UsedNow; c < ColumnCount; ++c)
                    m_ui->billingTable->item(row, c)->setText(QStringLiteral("—"));
                m_ui->billingTable->item(row, Charge)->setToolTip(error);
                m_ui->statusLabel->setText(tr("Some servers did not answer (%1); their rows show —. Refresh when "
                                              "they are reachable.")
                                               .arg(error));
            }
            m_ui->progressBar->setValue(m_ui->progressBar->value() + 1);
            if (--m_pending == 0) {
                m_ui->progressBar->setVisible(false);
                if (m_ui->statusLabel->text().startsWith(tr("Fetching")))
                    m_ui->statusLabel->clear();
                updateTotal();
                Q_EMIT refreshed();
            }
        };
        const QString m = month();
        m_context.access->withClient(
            s.serverId, this, true,
            [this, s, m, done](vv::net::AgentClient *client) {
                client->usage(s.vaultId, m, this, [done](const vv::net::ApiResult &r) {
                    QString error;
                    const auto usage = vv::net::answerAs<vv::net::VaultUsage>(r, &error);
                    done(usage, usage && !usage->statement ? tr("the server gave no statement for the month") : error);
                });
            },
            [done](const QString &why) { done(std::nullopt, why); });
    }
    if (services.isEmpty())
        updateTotal();
}

void BillingTab::updateTotal()
{
    double total = 0;
    for (int r = 0; r < m_ui->billingTable->rowCount(); ++r)
        total += m_ui->billingTable->item(r, Charge)->data(Qt::UserRole).toDouble();
    m_ui->totalLabel->setText(
        tr("Total for %1: %2")
            .arg(QLocale().toString(m_ui->monthEdit->date(), QStringLiteral("MMMM yyyy")), format::pounds(total)));
}

QByteArray BillingTab::csv() const
{
    QString out = QStringLiteral("month,customer,server,vault,used_now_gb,gb_months,charge_gbp\r\n");
    for (int r = 0; r < m_ui->billingTable->rowCount(); ++r) {
        QStringList f{month()};
        for (int c = 0; c < ColumnCount; ++c) {
            QString text = m_ui->billingTable->item(r, c)->text();
            if (c == UsedNow)
                text.remove(QStringLiteral(" GB"));
            if (c == Charge)
                text = QString::number(m_ui->billingTable->item(r, c)->data(Qt::UserRole).toDouble(), 'f', 2);
            f << vv::app::customercsv::quote(text);
        }
        out += f.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

void BillingTab::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export billing"), QStringLiteral("billing-%1.csv").arg(month()), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(csv()) < 0 || !f.commit())
        Prompts::ask(this, Prompts::Kind::Warning, tr("Export failed"),
                     tr("Cannot write %1: %2").arg(path, f.errorString()));
}

} // namespace vv::ui
