// Every control in every Designer form (ui/*.ui) carries a description for screen readers (accessibleDescription,
// or a tool tip, which Qt reads out when there is none): what it does beyond its label. tst_appgui checks the
// same at run time on the windows it opens, including controls made in code; this covers every form, opened or not.
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

class TestAppForms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyControlIsDescribed_data()
    {
        QTest::addColumn<QString>("form");
        QTest::addColumn<QString>("control");
        QTest::addColumn<bool>("described");
        static const QSet<QString> controls{
            "QPushButton",  "QToolButton",    "QCheckBox",   "QRadioButton",      "QLineEdit",   "QComboBox",
            "QSpinBox",     "QDoubleSpinBox", "QDateEdit",   "QDateTimeEdit",     "QTimeEdit",   "QTableView",
            "QTableWidget", "QListView",      "QListWidget", "QTreeView",         "QTreeWidget", "QPlainTextEdit",
            "QTextEdit",    "QTextBrowser",   "QSlider",     "QCommandLinkButton"};
        const QDir dir(QStringLiteral(VIPVAULT_SOURCE_DIR "/ui"));
        const QStringList forms = dir.entryList({"*.ui"}, QDir::Files, QDir::Name);
        QVERIFY(forms.size() >= 15);
        int rows = 0;
        for (const QString &form : forms) {
            QFile f(dir.filePath(form));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.errorString()));
            QXmlStreamReader x(&f);
            // The stack of open <widget>s: whether each is a control and whether it has a description so far.
            struct Open
            {
                QString name;
                bool control;
                bool described;
            };
            QList<Open> open;
            int depth = 0;
            QList<int> widgetDepth;
            while (!x.atEnd()) {
                x.readNext();
                if (x.isStartElement()) {
                    ++depth;
                    if (x.name() == u"widget") {
                        open << Open{x.attributes().value("name").toString(),
                                     controls.contains(x.attributes().value("class").toString()), false};
                        widgetDepth << depth;
                    } else if (x.name() == u"property" && !open.isEmpty() && depth == widgetDepth.last() + 1) {
                        const QStringView p = x.attributes().value("name");
                        if (p == u"accessibleDescription" || p == u"toolTip")
                            open.last().described = true;
                    }
                } else if (x.isEndElement()) {
                    if (x.name() == u"widget") {
                        const Open w = open.takeLast();
                        widgetDepth.removeLast();
                        if (w.control) {
                            QTest::addRow("%s %s", qPrintable(form), qPrintable(w.name))
                                << form << w.name << w.described;
                            ++rows;
                        }
                    }
                    --depth;
                }
            }
            QVERIFY2(!x.hasError(), qPrintable(form + ": " + x.errorString()));
        }
        QVERIFY(rows > 100);
    }

    void everyControlIsDescribed()
    {
        QFETCH(QString, form);
        QFETCH(QString, control);
        QFETCH(bool, described);
        QVERIFY2(described, qPrintable(control + " in " + form + " has no accessibleDescription or toolTip"));
    }
};

QTEST_GUILESS_MAIN(TestAppForms)
#include "tst_appforms.moc"
