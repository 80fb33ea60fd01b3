#include "recordingsview.h"

#include "audioexport.h"
#include "bulkactions.h"
#include "notepanel.h"
#include "playerwidget.h"
#include "recordingsfilterbar.h"
#include "recordingsmodel.h"
#include "subjectdialog.h"
#include "ui_recordingsview.h"
#include "verificationlabel.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QUrl>

namespace vv::recordings {

RecordingsView::RecordingsView(vv::net::AgentClient *client, qint64 vaultId, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RecordingsView>())
    , m_client(client)
    , m_model(new RecordingsModel(client, vaultId, this))
{
    m_ui->setupUi(this);
    m_ui->table->setModel(m_model);
    // The API's order (newest first) until the user clicks a header.
    m_ui->table->horizontalHeader()->setSortIndicator(-1, Qt::DescendingOrder);
    // Widths follow the loaded rows (resized per page); the other party takes the spare room.
    m_ui->table->horizontalHeader()->setStretchLastSection(false);
    m_ui->table->horizontalHeader()->setSectionResizeMode(RecordingsModel::OtherPartyColumn, QHeaderView::Stretch);
    connect(m_model, &RecordingsModel::pageLoaded, m_ui->table, [this] {
        for (int c = 0; c < RecordingsModel::ColumnCount; ++c)
            if (c != RecordingsModel::OtherPartyColumn)
                m_ui->table->resizeColumnToContents(c);
    });
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 1);

    connect(m_ui->filterBar, &RecordingsFilterBar::filterChanged, m_model, &RecordingsModel::setFilter);
    connect(m_model, &RecordingsModel::totalChanged, this, &RecordingsView::updateCount);
    connect(m_model, &RecordingsModel::pageLoaded, this, &RecordingsView::updateCount);
    connect(m_model, &RecordingsModel::loadFailed, this, [this](const QString &message) {
        m_ui->countLabel->setText(tr("Could not load recordings: %1").arg(message));
    });
    connect(m_ui->table, &QTableView::activated, this, [this](const QModelIndex &i) { openRow(i.row(), true); });
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        if (i.isValid())
            openRow(i.row(), false);
    });
    connect(m_ui->player, &player::PlayerWidget::exportRequested, this, &RecordingsView::exportCurrent);
    connect(m_ui->savedLabel, &QLabel::linkActivated, this,
            [](const QString &folder) { QDesktopServices::openUrl(QUrl(folder)); });
    connect(m_ui->conversationLabel, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QStringLiteral("recording:")))
            openPart(link.mid(10).toLongLong());
    });
    m_model->setFilter(m_ui->filterBar->filter());
    m_ui->table->installEventFilter(this);
    connect(m_ui->table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecordingsView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecordingsView::updateActions);
    // The format is chosen on the button: small Ogg Opus (as stored) or WAV that plays everywhere.
    auto *formats = new QMenu(m_ui->downloadSelectedButton);
    formats->addAction(tr("As Ogg Opus (small)…"), this, [this] { downloadSelected(AudioExport::Format::Ogg); });
    formats->addAction(tr("As WAV (plays everywhere)…"), this, [this] { downloadSelected(AudioExport::Format::Wav); });
    m_ui->downloadSelectedButton->setMenu(formats);
    connect(m_ui->protectButton, &QPushButton::clicked, this, [this] {
        runOnSelected(tr("Protecting"), [this](qint64 id, QObject *ctx, auto handler) {
            return m_client ? m_client->setProtected(id, true, ctx, std::move(handler)) : nullptr;
        });
    });
    connect(m_ui->unprotectButton, &QPushButton::clicked, this, [this] {
        runOnSelected(tr("Removing protection from"), [this](qint64 id, QObject *ctx, auto handler) {
            return m_client ? m_client->setProtected(id, false, ctx, std::move(handler)) : nullptr;
        });
    });
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &RecordingsView::deleteSelected);
    connect(m_ui->notePanel, &NotePanel::saved, m_model, &RecordingsModel::updateRow);
    connect(m_ui->subjectButton, &QPushButton::clicked, this, [this, vaultId] {
        auto *dialog = new SubjectDialog(m_client, vaultId, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_confirm)
            dialog->setConfirm(m_confirm);
        connect(dialog, &SubjectDialog::erased, m_model, &RecordingsModel::reload);
        dialog->open();
    });
}

void RecordingsView::setManageable(bool manageable)
{
    m_manageable = manageable;
    for (QWidget *w : {static_cast<QWidget *>(m_ui->protectButton), static_cast<QWidget *>(m_ui->unprotectButton),
                       static_cast<QWidget *>(m_ui->deleteButton)})
        w->setVisible(manageable);
    updateActions();
}

QList<qint64> RecordingsView::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &i : m_ui->table->selectionModel()->selectedRows())
        ids << i.data(RecordingsModel::IdRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void RecordingsView::updateActions()
{
    int playable = 0;
    int all = 0;
    for (const QModelIndex &i : m_ui->table->selectionModel()->selectedRows()) {
        ++all;
        playable += i.data(RecordingsModel::PlayableRole).toBool() ? 1 : 0;
    }
    m_ui->downloadSelectedButton->setEnabled(playable > 0);
    m_ui->downloadSelectedButton->setText(playable > 1 ? tr("&Download %1 recordings…").arg(playable)
                                                       : tr("&Download selected…"));
    for (QPushButton *b : {m_ui->protectButton, m_ui->unprotectButton, m_ui->deleteButton})
        b->setEnabled(m_manageable && all > 0);
}

void RecordingsView::runOnSelected(
    const QString &what,
    const std::function<net::ApiCall *(qint64, QObject *, std::function<void(const net::ApiResult &)>)> &call)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    auto *bulk = new BulkCalls(ids, call, this);
    auto *progress =
        new QProgressDialog(tr("%1 %2 of them…").arg(what).arg(ids.size()), tr("Cancel"), 0, int(ids.size()), this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    connect(progress, &QProgressDialog::canceled, bulk, &BulkCalls::cancel);
    connect(bulk, &BulkCalls::progress, progress, &QProgressDialog::setValue);
    connect(bulk, &BulkCalls::finished, this, [this, bulk, progress, what, ids](int ok, const QStringList &failures) {
        progress->reset();
        progress->deleteLater();
        bulk->deleteLater();
        QString text =
            ok == 1 ? tr("%1 1 recording: done.").arg(what) : tr("%1 %2 recordings: done.").arg(what).arg(ok);
        if (!failures.isEmpty())
            text += u' ' + tr("Not done for %1: %2").arg(failures.size()).arg(failures.join(QStringLiteral("; ")));
        m_ui->savedLabel->setText(text.toHtmlEscaped());
        m_ui->savedLabel->show();
        m_model->setFilter(m_ui->filterBar->filter()); // the rows' new state, from the agent
    });
    bulk->start();
}

void RecordingsView::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const QString question =
        ids.size() == 1 ? tr("Delete this recording? Its audio cannot be recovered; the call stays listed as deleted.")
                        : tr("Delete these %1 recordings? Their audio cannot be recovered; the calls stay listed as "
                             "deleted. Protected recordings are kept.")
                              .arg(ids.size());
    const bool yes = m_confirm ? m_confirm(tr("Delete recordings?"), question)
                               : QMessageBox::question(this, tr("Delete recordings?"), question) == QMessageBox::Yes;
    if (!yes)
        return;
    runOnSelected(tr("Deleting"), [this](qint64 id, QObject *ctx, auto handler) {
        return m_client ? m_client->deleteRecording(id, ctx, std::move(handler)) : nullptr;
    });
}

void RecordingsView::downloadSelected(AudioExport::Format format)
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Download the selected recordings into"),
                                          QStandardPaths::writableLocation(QStandardPaths::MusicLocation));
    if (!folder.isEmpty())
        downloadSelectedTo(folder, format);
}

void RecordingsView::downloadSelectedTo(const QString &folder, AudioExport::Format format)
{
    QList<BulkExport::Item> items;
    for (const qint64 id : selectedIds())
        if (const RecordingRow *r = knownRow(id); r && r->playable())
            items << BulkExport::Item{id,
                                      AudioExport::suggestedName(r->startedAt, r->extension, r->otherParty(), format)};
    if (items.isEmpty())
        return;
    auto *bulk = new BulkExport(m_client, items, folder, format, this);
    bulk->setVaultKey(m_vaultPublic, m_vaultSecret);
    auto *progress =
        new QProgressDialog(tr("Downloading %1 of them…").arg(items.size()), tr("Cancel"), 0, int(items.size()), this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, bulk, &BulkExport::cancel);
    connect(bulk, &BulkExport::progress, progress, &QProgressDialog::setValue);
    connect(bulk, &BulkExport::finished, this,
            [this, bulk, progress, folder](int saved, const QStringList &failures, bool cancelled) {
                progress->reset();
                progress->deleteLater();
                bulk->deleteLater();
                QString text =
                    (saved == 1 ? tr("Saved 1 recording") : tr("Saved %1 recordings").arg(saved)) +
                    tr(" in %1 — <a href=\"%2\">Show in folder</a>")
                        .arg(QDir::toNativeSeparators(folder).toHtmlEscaped(), QUrl::fromLocalFile(folder).toString());
                if (cancelled)
                    text += tr(". Cancelled before the rest.");
                if (!failures.isEmpty())
                    text += tr(". Not saved: %1").arg(failures.join(QStringLiteral("; ")).toHtmlEscaped());
                m_ui->savedLabel->setText(text);
                m_ui->savedLabel->show();
                Q_EMIT bulkDownloadFinished(saved);
            });
    bulk->start();
}

RecordingsView::~RecordingsView() = default;

void RecordingsView::keyPressEvent(QKeyEvent *event)
{
    // In a window of its own (the reseller's Recordings window), Esc closes it, as it closes a dialog.
    if (isWindow() && event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool RecordingsView::eventFilter(QObject *watched, QEvent *event)
{
    // The table takes Esc as a keyboard-search character: hand it to the window instead.
    if (watched == m_ui->table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && isWindow()) {
        keyPressEvent(static_cast<QKeyEvent *>(event));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

RecordingsFilterBar *RecordingsView::filterBar() const
{
    return m_ui->filterBar;
}

void RecordingsView::setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey)
{
    m_vaultPublic = publicKey;
    m_vaultSecret = secretKey;
    m_ui->player->player()->setVaultKey(publicKey, secretKey);
}

player::PlayerWidget *RecordingsView::playerWidget() const
{
    return m_ui->player;
}

QTableView *RecordingsView::table() const
{
    return m_ui->table;
}

void RecordingsView::updateCount()
{
    const qint64 total = m_model->total();
    if (total < 0) {
        m_ui->countLabel->setText(tr("Loading…"));
        return;
    }
    if (total == 0) {
        const QString filters = m_ui->filterBar->describe();
        m_ui->countLabel->setText(
            filters.isEmpty() ? tr("No recordings yet in this vault.")
                              : tr("No recordings match: %1. Change or clear the filters to see more.").arg(filters));
        return;
    }
    const QString shown = QLocale().toString(m_model->rowCount());
    m_ui->countLabel->setText(total == 1 ? tr("1 recording")
                                         : tr("%1 recordings, %2 shown").arg(QLocale().toString(total), shown));
}

const RecordingRow *RecordingsView::knownRow(qint64 id) const
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        return &m_model->row(row);
    const auto it = m_fetched.constFind(id);
    return it == m_fetched.constEnd() ? nullptr : &*it;
}

void RecordingsView::showConversation(const RecordingRow &open)
{
    // Earlier parts by following related_id back; later ones by the rows that name a part as theirs.
    QList<const RecordingRow *> parts{&open};
    QSet<qint64> seen{open.id};
    qint64 missing = 0;
    for (qint64 id = open.relatedId; id && !seen.contains(id) && parts.size() < 20;) {
        const RecordingRow *earlier = knownRow(id);
        if (!earlier) {
            missing = id;
            break;
        }
        parts.prepend(earlier);
        seen.insert(id);
        id = earlier->relatedId;
    }
    for (bool more = true; more && parts.size() < 20;) {
        more = false;
        for (int i = 0; i < m_model->rowCount(); ++i) {
            const RecordingRow &r = m_model->row(i);
            if (r.relatedId == parts.last()->id && !seen.contains(r.id)) {
                parts.append(&r);
                seen.insert(r.id);
                more = true;
                break;
            }
        }
    }
    m_conversation.clear();
    for (const RecordingRow *p : parts)
        m_conversation << p->id;
    if (missing) {
        // Not loaded (another page, or filtered out): fetched once, then shown.
        const qint64 openId = open.id;
        m_client->recording(missing, this, [this, missing, openId](const net::ApiResult &r) {
            QString error;
            if (const auto rec = net::answerAs<net::Recording>(r, &error)) {
                m_fetched.insert(missing, RecordingRow::from(*rec));
                if (const RecordingRow *o = knownRow(openId); o && m_openId == openId)
                    showConversation(*o);
            }
        });
    }
    if (parts.size() < 2 && !missing) {
        m_ui->conversationLabel->hide();
        return;
    }
    QStringList links;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const RecordingRow *p = parts.at(i);
        const qint64 s = (p->durationMs + 500) / 1000;
        const QString text = tr("part %1: %2, ext. %3 (%4:%5)")
                                 .arg(i + 1 + (missing ? 1 : 0))
                                 .arg(p->startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")),
                                      p->extension.toHtmlEscaped())
                                 .arg(s / 60)
                                 .arg(s % 60, 2, 10, QLatin1Char('0'));
        links << (p->id == open.id ? QStringLiteral("<b>%1</b>").arg(text)
                                   : QStringLiteral("<a href=\"recording:%1\">%2</a>").arg(p->id).arg(text));
    }
    if (missing)
        links.prepend(tr("an earlier part (loading…)"));
    m_ui->conversationLabel->setText(tr("One conversation in %n part(s): ", nullptr, int(links.size())) +
                                     links.join(QStringLiteral(" → ")));
    m_ui->conversationLabel->show();
}

void RecordingsView::openPart(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_ui->table->selectRow(row);
        openRow(row, true);
        return;
    }
    const RecordingRow *r = knownRow(id);
    if (!r || !r->playable())
        return;
    m_openId = r->id;
    m_ui->verificationLabel->check(m_client, r->id);
    m_ui->notePanel->setRecording(m_client, r->id, r->note);
    m_ui->player->openRecording(m_client, r->id,
                                tr("%1 · ext. %2 ↔ %3")
                                    .arg(r->startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")),
                                         r->extension, r->otherParty()),
                                true);
    showConversation(*r);
}

bool RecordingsView::openRow(int row, bool autoPlay)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const RecordingRow &r = m_model->row(row);
    showConversation(r);
    if (m_ui->notePanel->recordingId() != r.id)
        m_ui->notePanel->setRecording(m_client, r.id, r.note);
    const QString title = tr("%1 · %2 · ext. %3 ↔ %4")
                              .arg(r.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")),
                                   m_model->data(m_model->index(row, RecordingsModel::DirectionColumn)).toString(),
                                   r.extension, r.otherParty());
    if (!r.playable()) {
        m_openId = 0;
        m_ui->verificationLabel->check(nullptr, 0);
        m_ui->player->clear(tr("%1 — the audio was %2 and cannot be played.")
                                .arg(title, r.state == u"complete" ? tr("removed") : r.state));
        return false;
    }
    if (r.id == m_openId) {
        if (autoPlay)
            m_ui->player->player()->play();
        return true;
    }
    m_openId = r.id;
    m_openTitle = title;
    m_ui->verificationLabel->check(m_client, r.id);
    m_ui->player->openRecording(m_client, r.id, title, autoPlay);
    return true;
}

void RecordingsView::exportCurrent()
{
    if (!m_openId || m_export)
        return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    const RecordingRow *row = knownRow(m_openId);
    const QString opusFilter = tr("Ogg Opus, small (*.opus *.ogg)");
    const QString wavFilter = tr("WAV, plays everywhere (*.wav)");
    const QString name =
        row ? AudioExport::suggestedName(row->startedAt, row->extension, row->otherParty(), AudioExport::Format::Ogg)
            : QStringLiteral("recording %1.opus").arg(m_openId);
    QString selected = opusFilter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Download recording"), dir + u'/' + name,
                                                      opusFilter + QStringLiteral(";;") + wavFilter, &selected);
    if (path.isEmpty())
        return;
    // The filter chosen decides the format (a name typed without an extension gets the format's own).
    const AudioExport::Format format =
        selected == wavFilter || AudioExport::formatForPath(path) == AudioExport::Format::Wav
            ? AudioExport::Format::Wav
            : AudioExport::Format::Ogg;
    exportTo(AudioExport::withExtension(path, format), format);
}

void RecordingsView::exportTo(const QString &path, std::optional<AudioExport::Format> format)
{
    if (!m_openId || m_export)
        return;
    m_ui->savedLabel->hide();
    m_export = new AudioExport(this);
    m_export->setVaultKey(m_vaultPublic, m_vaultSecret);
    if (!m_export->start(m_client, m_openId, format.value_or(AudioExport::formatForPath(path)), path)) {
        QMessageBox::warning(this, tr("Download recording"), m_export->error());
        m_export->deleteLater();
        return;
    }
    m_progress = new QProgressDialog(tr("Downloading %1…").arg(path), tr("Cancel"), 0, 0, this);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, m_export, &AudioExport::cancel);
    connect(m_export, &AudioExport::progress, m_progress, [this](qint64 received, qint64 total) {
        // WAV streams without a length: a busy bar then.
        m_progress->setMaximum(total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(int(received * 1000 / total));
    });
    connect(m_export, &AudioExport::finished, this, [this, path](bool ok, const QString &message) {
        if (m_progress) {
            m_progress->reset();
            m_progress->deleteLater();
        }
        m_export->deleteLater();
        if (ok) {
            const QFileInfo saved(path);
            m_ui->savedLabel->setText(
                tr("Saved %1 — <a href=\"%2\">Show in folder</a>")
                    .arg(saved.fileName().toHtmlEscaped(), QUrl::fromLocalFile(saved.absolutePath()).toString()));
            m_ui->savedLabel->show();
        } else if (message != tr("Download cancelled.")) {
            QMessageBox::warning(this, tr("Download recording"), message);
        }
    });
}

} // namespace vv::recordings
