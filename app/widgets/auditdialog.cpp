#include "auditdialog.h"

#include "agentclient.h"
#include "apimodel.h"
#include "format.h"
#include "ui_auditdialog.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QPushButton>

namespace vv::ui {

namespace {

// The actions the agent writes (docs/api-server.md), in the order a reseller looks for them.
const char *const kActions[] = {"play",
                                "download",
                                "protect",
                                "unprotect",
                                "annotate",
                                "delete",
                                "sign_in",
                                "sign_in_failed",
                                "sign_out",
                                "password_changed",
                                "user_created",
                                "user_changed",
                                "user_deleted",
                                "settings_changed",
                                "vault_created",
                                "health_acknowledged",
                                "subscription_created",
                                "subscription_removed",
                                "erase",
                                "subject_export",
                                "encryption",
                                "customer_key",
                                "key_backup_fetched"};

} // namespace

AuditDialog::AuditDialog(vv::net::AgentClient *client, qint64 vaultId, const QString &vaultName, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AuditDialog>())
    , m_client(client)
    , m_vaultId(vaultId)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(tr("Audit log — vault %1").arg(vaultName));
    m_ui->actionCombo->addItem(tr("Any"), QString());
    for (const char *a : kActions)
        m_ui->actionCombo->addItem(actionInWords(QString::fromLatin1(a)), QString::fromLatin1(a));
    m_ui->auditTable->setColumnCount(6);
    m_ui->auditTable->setHorizontalHeaderLabels(
        {tr("When"), tr("Who"), tr("From"), tr("What"), tr("Recording"), tr("Details")});
    m_ui->auditTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->auditTable->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->searchButton, &QPushButton::clicked, this, &AuditDialog::search);
    connect(m_ui->userEdit, &QLineEdit::returnPressed, this, &AuditDialog::search);
    connect(m_ui->recordingEdit, &QLineEdit::returnPressed, this, &AuditDialog::search);
    connect(m_ui->actionCombo, &QComboBox::activated, this, &AuditDialog::search);
    connect(m_ui->moreButton, &QPushButton::clicked, this, [this] { load(true); });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    search();
}

AuditDialog::~AuditDialog() = default;

QString AuditDialog::actionInWords(const QString &action)
{
    static const QHash<QString, QString> words{
        {QStringLiteral("play"), tr("played a recording")},
        {QStringLiteral("download"), tr("downloaded a recording")},
        {QStringLiteral("protect"), tr("protected a recording")},
        {QStringLiteral("unprotect"), tr("removed a recording's protection")},
        {QStringLiteral("annotate"), tr("wrote a note on a recording")},
        {QStringLiteral("delete"), tr("deleted a recording")},
        {QStringLiteral("sign_in"), tr("signed in")},
        {QStringLiteral("sign_in_failed"), tr("failed to sign in")},
        {QStringLiteral("sign_out"), tr("signed out")},
        {QStringLiteral("password_changed"), tr("changed their password")},
        {QStringLiteral("user_created"), tr("created a login")},
        {QStringLiteral("user_changed"), tr("changed a login")},
        {QStringLiteral("user_deleted"), tr("deleted a login")},
        {QStringLiteral("settings_changed"), tr("changed the vault's settings")},
        {QStringLiteral("vault_created"), tr("created the vault")},
        {QStringLiteral("health_acknowledged"), tr("acknowledged a problem")},
        {QStringLiteral("subscription_created"), tr("subscribed to alerts")},
        {QStringLiteral("subscription_removed"), tr("removed an alert subscription")},
        {QStringLiteral("erase"), tr("erased a recording on request")},
        {QStringLiteral("subject_export"), tr("exported what the vault holds about a number")},
        {QStringLiteral("encryption"), tr("changed the vault's encryption")},
        {QStringLiteral("customer_key"), tr("set the vault's own key")},
        {QStringLiteral("key_backup_fetched"), tr("fetched the key backup")},
    };
    return words.value(action, action);
}

void AuditDialog::search()
{
    m_cursor.clear();
    load(false);
}

void AuditDialog::load(bool more)
{
    if (!m_client)
        return;
    vv::net::AuditFilter f;
    f.vaultId = m_vaultId;
    f.user = m_ui->userEdit->text().trimmed();
    f.action = m_ui->actionCombo->currentData().toString();
    const QString recording = m_ui->recordingEdit->text().trimmed().remove(u'#');
    if (!recording.isEmpty()) {
        bool ok = false;
        const qint64 id = recording.toLongLong(&ok);
        if (!ok || id <= 0) {
            m_ui->statusLabel->setText(tr("A recording is given by its number, such as 1234."));
            Q_EMIT loaded();
            return;
        }
        f.recordingId = id;
    }
    f.limit = 100;
    if (more)
        f.cursor = m_cursor;
    m_ui->statusLabel->setText(tr("Loading…"));
    m_ui->moreButton->setEnabled(false);
    m_client->audit(f, this, [this, more](const vv::net::ApiResult &r) { showPage(r, more); });
}

void AuditDialog::showPage(const vv::net::ApiResult &r, bool more)
{
    QString error;
    const auto page = r.ok() ? vv::net::answerAs<vv::net::AuditPage>(r, &error) : std::nullopt;
    if (!page) {
        m_ui->statusLabel->setText(tr("The audit log could not be read: %1").arg(r.ok() ? error : r.errorString));
        Q_EMIT loaded();
        return;
    }
    QTableWidget *t = m_ui->auditTable;
    if (!more)
        t->setRowCount(0);
    for (const vv::net::AuditEntry &e : page->items) {
        const int row = t->rowCount();
        t->insertRow(row);
        QStringList detailParts; // "format: ogg", not JSON
        for (auto it = e.detail.begin(); it != e.detail.end(); ++it) {
            const QJsonValue v = it.value();
            const QString value = v.isString() ? v.toString()
                                  : v.isBool() ? (v.toBool() ? tr("yes") : tr("no"))
                                  : v.isDouble()
                                      ? QLocale().toString(v.toDouble())
                                      : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
            detailParts << QStringLiteral("%1: %2").arg(QString(it.key()).replace(u'_', u' '), value);
        }
        const QString detail = detailParts.join(QStringLiteral(", "));
        const QStringList cells{format::when(e.at),
                                e.user.isEmpty() ? tr("(unknown)") : e.user,
                                e.address,
                                actionInWords(e.action),
                                e.recordingId ? QStringLiteral("#%1").arg(*e.recordingId) : QString(),
                                detail};
        for (int c = 0; c < cells.size(); ++c)
            t->setItem(row, c, new QTableWidgetItem(cells.at(c)));
    }
    m_cursor = page->nextCursor;
    m_ui->moreButton->setEnabled(!m_cursor.isEmpty());
    m_ui->statusLabel->setText(t->rowCount() == 0   ? tr("No entries match these filters.")
                               : t->rowCount() == 1 ? tr("1 entry")
                                                    : tr("%1 entries").arg(t->rowCount()));
    Q_EMIT loaded();
}

} // namespace vv::ui
