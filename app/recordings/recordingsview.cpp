#include "recordingsview.h"

#include "audioexport.h"
#include "playerwidget.h"
#include "recordingsfilterbar.h"
#include "recordingsmodel.h"
#include "ui_recordingsview.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
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
        const QString text =
            tr("part %1: %2, ext. %3 (%4:%5)")
                .arg(i + 1 + (missing ? 1 : 0))
                .arg(QLocale().toString(p->startedAt.toLocalTime(), QLocale::ShortFormat), p->extension.toHtmlEscaped())
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
    m_ui->player->openRecording(
        m_client, r->id,
        tr("%1 · ext. %2 ↔ %3")
            .arg(QLocale().toString(r->startedAt.toLocalTime(), QLocale::ShortFormat), r->extension, r->otherParty()),
        true);
    showConversation(*r);
}

bool RecordingsView::openRow(int row, bool autoPlay)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const RecordingRow &r = m_model->row(row);
    showConversation(r);
    const QString title = tr("%1 · %2 · ext. %3 ↔ %4")
                              .arg(QLocale().toString(r.startedAt.toLocalTime(), QLocale::ShortFormat),
                                   m_model->data(m_model->index(row, RecordingsModel::DirectionColumn)).toString(),
                                   r.extension, r.otherParty());
    if (!r.playable()) {
        m_openId = 0;
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
