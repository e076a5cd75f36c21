/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: wxdesk
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Current Database: `wxdesk`
--

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `wxdesk` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci */;

USE `wxdesk`;

--
-- Table structure for table `access_tokens`
--

DROP TABLE IF EXISTS `access_tokens`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `access_tokens` (
  `channel_id` bigint(20) unsigned NOT NULL,
  `token` varchar(600) DEFAULT NULL,
  `expires_at` datetime DEFAULT NULL,
  `fetched_at` datetime DEFAULT NULL,
  `last_errcode` int(11) DEFAULT NULL,
  `last_error` varchar(255) DEFAULT NULL,
  `errors` int(10) unsigned NOT NULL DEFAULT 0,
  `lease_until` bigint(20) DEFAULT NULL,
  PRIMARY KEY (`channel_id`),
  CONSTRAINT `fk_tokens_channel` FOREIGN KEY (`channel_id`) REFERENCES `channels` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `access_tokens`
--

LOCK TABLES `access_tokens` WRITE;
/*!40000 ALTER TABLE `access_tokens` DISABLE KEYS */;
INSERT INTO `access_tokens` VALUES
(1,'YhJ6YUChXhCsDq2foCsN7p7jWzsoobvuzprPFKRNdLg92BILxMhW05TVQ0me4My1uVeKLcY08u3rtWAsuJTfEhGA0yZjzeQH','2026-11-28 19:03:23','2026-11-28 17:03:23',0,NULL,0,NULL);
/*!40000 ALTER TABLE `access_tokens` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `attachments`
--

DROP TABLE IF EXISTS `attachments`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `attachments` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `sha256` char(64) NOT NULL,
  `mime` varchar(100) NOT NULL,
  `size` bigint(20) unsigned NOT NULL,
  `path` varchar(255) NOT NULL,
  `wx_media_id` varchar(255) DEFAULT NULL,
  `wx_media_expires_at` datetime DEFAULT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_attachments_sha` (`sha256`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `attachments`
--

LOCK TABLES `attachments` WRITE;
/*!40000 ALTER TABLE `attachments` DISABLE KEYS */;
INSERT INTO `attachments` VALUES
(1,'ada60f501f7faf7f537127745c727848d44e774151132a648170ea9d01b12185','image/png',1508,'/work/old22/fx/media/ad/ada60f501f7faf7f537127745c727848d44e774151132a648170ea9d01b12185.png',NULL,NULL,'2026-11-28 17:03:29');
/*!40000 ALTER TABLE `attachments` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `bot_rules`
--

DROP TABLE IF EXISTS `bot_rules`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `bot_rules` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `channel_id` bigint(20) unsigned NOT NULL,
  `position` int(11) NOT NULL DEFAULT 0,
  `match_mode` enum('exact','contains','scene') NOT NULL,
  `patterns` varchar(1000) NOT NULL,
  `answer` text DEFAULT NULL,
  `handoff` tinyint(1) NOT NULL DEFAULT 0,
  `created_at` datetime NOT NULL,
  `attachment_id` bigint(20) unsigned DEFAULT NULL,
  `media_id` varchar(128) DEFAULT NULL,
  `media_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_bot_rules_channel` (`channel_id`,`position`),
  KEY `fk_bot_rules_attachment` (`attachment_id`),
  CONSTRAINT `fk_bot_rules_attachment` FOREIGN KEY (`attachment_id`) REFERENCES `attachments` (`id`),
  CONSTRAINT `fk_bot_rules_channel` FOREIGN KEY (`channel_id`) REFERENCES `channels` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=6 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `bot_rules`
--

LOCK TABLES `bot_rules` WRITE;
/*!40000 ALTER TABLE `bot_rules` DISABLE KEYS */;
INSERT INTO `bot_rules` VALUES
(1,1,1,'contains','菜单|menu|帮助|help','回复 1 查询订单，2 退换货，3 营业时间，或回复“人工”联系客服。\nReply 1 for orders, 2 for returns, 3 for opening hours, or \"agent\" for a person.',0,'2026-11-28 17:03:23',NULL,NULL,NULL),
(2,1,2,'exact','1','请发送您的订单号，客服马上为您查询。\nPlease send your order number: a colleague will look it up.',1,'2026-11-28 17:03:23',NULL,NULL,NULL),
(3,1,3,'exact','2','7 天内可无理由退换货，详见 https://example.com/returns\nReturns are free within 7 days: https://example.com/returns',0,'2026-11-28 17:03:23',NULL,NULL,NULL),
(4,1,4,'exact','3','营业时间：周一至周五 9:00–18:00。\nOpening hours: Monday to Friday, 9:00–18:00.',0,'2026-11-28 17:03:23',NULL,NULL,NULL),
(5,1,5,'contains','价格|多少钱|price|prices','价格请见 https://example.com/prices\nOur prices: https://example.com/prices',0,'2026-11-28 17:03:23',NULL,NULL,NULL);
/*!40000 ALTER TABLE `bot_rules` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `brand_holidays`
--

DROP TABLE IF EXISTS `brand_holidays`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `brand_holidays` (
  `brand_id` bigint(20) unsigned NOT NULL,
  `day` date NOT NULL,
  PRIMARY KEY (`brand_id`,`day`),
  CONSTRAINT `fk_brand_holidays_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `brand_holidays`
--

LOCK TABLES `brand_holidays` WRITE;
/*!40000 ALTER TABLE `brand_holidays` DISABLE KEYS */;
/*!40000 ALTER TABLE `brand_holidays` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `brand_hours`
--

DROP TABLE IF EXISTS `brand_hours`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `brand_hours` (
  `brand_id` bigint(20) unsigned NOT NULL,
  `weekday` tinyint(3) unsigned NOT NULL,
  `opens` time NOT NULL,
  `closes` time NOT NULL,
  PRIMARY KEY (`brand_id`,`weekday`),
  CONSTRAINT `fk_brand_hours_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `brand_hours`
--

LOCK TABLES `brand_hours` WRITE;
/*!40000 ALTER TABLE `brand_hours` DISABLE KEYS */;
/*!40000 ALTER TABLE `brand_hours` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `brands`
--

DROP TABLE IF EXISTS `brands`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `brands` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(100) NOT NULL,
  `follower_language` varchar(8) NOT NULL DEFAULT 'zh-CN',
  `created_at` datetime NOT NULL,
  `hours_enabled` tinyint(1) NOT NULL DEFAULT 0,
  `time_zone` varchar(64) NOT NULL DEFAULT 'Asia/Shanghai',
  `offhours_text` text DEFAULT NULL,
  `offhours_missed_timer` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_brands_name` (`name`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `brands`
--

LOCK TABLES `brands` WRITE;
/*!40000 ALTER TABLE `brands` DISABLE KEYS */;
INSERT INTO `brands` VALUES
(1,'Demo','zh-CN','2026-11-28 17:03:23',0,'Asia/Shanghai',NULL,0);
/*!40000 ALTER TABLE `brands` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `canned_responses`
--

DROP TABLE IF EXISTS `canned_responses`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `canned_responses` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `brand_id` bigint(20) unsigned NOT NULL,
  `shortcut` varchar(32) NOT NULL,
  `body` text NOT NULL,
  `attachment_id` bigint(20) unsigned DEFAULT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_canned_shortcut` (`brand_id`,`shortcut`),
  KEY `fk_canned_attachment` (`attachment_id`),
  CONSTRAINT `fk_canned_attachment` FOREIGN KEY (`attachment_id`) REFERENCES `attachments` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_canned_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `canned_responses`
--

LOCK TABLES `canned_responses` WRITE;
/*!40000 ALTER TABLE `canned_responses` DISABLE KEYS */;
/*!40000 ALTER TABLE `canned_responses` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `channel_prefs`
--

DROP TABLE IF EXISTS `channel_prefs`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `channel_prefs` (
  `channel_id` bigint(20) unsigned NOT NULL,
  `missed_after_minutes` int(11) NOT NULL DEFAULT 3,
  `missed_close_minutes` int(11) NOT NULL DEFAULT 1440,
  `idle_close_minutes` int(11) NOT NULL DEFAULT 1440,
  `bot_enabled` tinyint(1) NOT NULL DEFAULT 0,
  `bot_idle_minutes` int(11) NOT NULL DEFAULT 60,
  `erase_on_unfollow` tinyint(1) NOT NULL DEFAULT 0,
  `bot_welcome` text DEFAULT NULL,
  `bot_fallback` text DEFAULT NULL,
  `bot_handoff_text` text DEFAULT NULL,
  `bot_handoff_words` varchar(1000) DEFAULT NULL,
  `bot_miss_limit` tinyint(3) unsigned NOT NULL DEFAULT 2,
  `bot_version` int(10) unsigned NOT NULL DEFAULT 0,
  `csat_enabled` tinyint(1) NOT NULL DEFAULT 0,
  `csat_question` text DEFAULT NULL,
  `csat_hours` smallint(5) unsigned NOT NULL DEFAULT 24,
  PRIMARY KEY (`channel_id`),
  CONSTRAINT `fk_prefs_channel` FOREIGN KEY (`channel_id`) REFERENCES `channels` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `channel_prefs`
--

LOCK TABLES `channel_prefs` WRITE;
/*!40000 ALTER TABLE `channel_prefs` DISABLE KEYS */;
INSERT INTO `channel_prefs` VALUES
(1,3,1440,1440,1,60,0,'欢迎关注 Demo！回复“菜单”查看服务，回复“人工”联系客服。\nWelcome to Demo! Reply \"menu\" for what we can do, or \"agent\" for a person.',NULL,NULL,NULL,2,2,0,NULL,24);
/*!40000 ALTER TABLE `channel_prefs` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `channels`
--

DROP TABLE IF EXISTS `channels`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `channels` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `brand_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned DEFAULT NULL,
  `state` enum('draft','active','disabled','deleted') NOT NULL DEFAULT 'draft',
  `original_id` varchar(32) DEFAULT NULL,
  `app_id` varchar(32) DEFAULT NULL,
  `app_secret_enc` varchar(255) DEFAULT NULL,
  `token_enc` varchar(255) DEFAULT NULL,
  `aes_key_enc` varchar(255) DEFAULT NULL,
  `aes_key_prev_enc` varchar(255) DEFAULT NULL,
  `encryption_mode` enum('plain','compatible','safe') NOT NULL DEFAULT 'plain',
  `webhook_key` char(32) NOT NULL,
  `wizard_step` int(11) NOT NULL DEFAULT 1,
  `ip_confirmed` tinyint(1) NOT NULL DEFAULT 0,
  `url_confirmed` tinyint(1) NOT NULL DEFAULT 0,
  `verified_at` datetime DEFAULT NULL,
  `last_message_at` datetime DEFAULT NULL,
  `inactive_messages` int(10) unsigned NOT NULL DEFAULT 0,
  `signature_failures` int(10) unsigned NOT NULL DEFAULT 0,
  `decrypt_failures` int(10) unsigned NOT NULL DEFAULT 0,
  `refused_pushes` int(10) unsigned NOT NULL DEFAULT 0,
  `last_failure_at` datetime DEFAULT NULL,
  `last_failure` varchar(255) DEFAULT NULL,
  `created_at` datetime NOT NULL,
  `updated_at` datetime NOT NULL,
  `deleted_at` datetime DEFAULT NULL,
  `live_brand_id` bigint(20) unsigned GENERATED ALWAYS AS (if(`state` <> 'deleted',`brand_id`,NULL)) STORED,
  `live_app_id` varchar(32) GENERATED ALWAYS AS (if(`state` <> 'deleted',`app_id`,NULL)) STORED,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_channels_webhook` (`webhook_key`),
  UNIQUE KEY `uq_channels_live_brand` (`live_brand_id`),
  UNIQUE KEY `uq_channels_live_app` (`live_app_id`),
  KEY `fk_channels_department` (`department_id`),
  KEY `ix_channels_brand` (`brand_id`),
  CONSTRAINT `fk_channels_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`),
  CONSTRAINT `fk_channels_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `channels`
--

LOCK TABLES `channels` WRITE;
/*!40000 ALTER TABLE `channels` DISABLE KEYS */;
INSERT INTO `channels` VALUES
(1,1,1,'active','gh_13cda9d3aa10','wx6a67823076e4412d','v1:iv7AEgUbIakaFb9apgy8HfIVI2S3OwqwrapDVfwUYIO0R+rbX6OiCK3EjEtOnW8y6CRY5/FXhLhz+yCf','v1:qznvKxTHkf1/SWeittOhwHu2dM8w3Ghb+4WT2NHiWGbVYaL81IwmBFj1KqyC+gd5GgOxOd195ObADKp9','v1:ISC9VEM65TYcNZWFeOOe78VFloFIifGPBB/Oe/uRCMIDpfrbVJ64LNz3OfqA/IkZX7/FV7eRWIbqCAOIZoh/bfjrlsUL7iU=',NULL,'plain','TpxztEzZ4losLKq8TJ0BnqZE9bvhuMYv',1,0,0,NULL,'2026-11-28 17:03:27',0,0,0,0,NULL,NULL,'2026-11-28 17:03:23','2026-11-28 17:03:23',NULL,1,'wx6a67823076e4412d');
/*!40000 ALTER TABLE `channels` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `chat_fold`
--

DROP TABLE IF EXISTS `chat_fold`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `chat_fold` (
  `id` tinyint(3) unsigned NOT NULL,
  `mark` bigint(20) unsigned NOT NULL,
  `report_from` bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `chat_fold`
--

LOCK TABLES `chat_fold` WRITE;
/*!40000 ALTER TABLE `chat_fold` DISABLE KEYS */;
INSERT INTO `chat_fold` VALUES
(1,16,0);
/*!40000 ALTER TABLE `chat_fold` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `chat_reads`
--

DROP TABLE IF EXISTS `chat_reads`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `chat_reads` (
  `user_id` bigint(20) unsigned NOT NULL,
  `chat_id` bigint(20) unsigned NOT NULL,
  `seen_id` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`user_id`,`chat_id`),
  KEY `fk_chat_reads_chat` (`chat_id`),
  CONSTRAINT `fk_chat_reads_chat` FOREIGN KEY (`chat_id`) REFERENCES `chats` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_chat_reads_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `chat_reads`
--

LOCK TABLES `chat_reads` WRITE;
/*!40000 ALTER TABLE `chat_reads` DISABLE KEYS */;
INSERT INTO `chat_reads` VALUES
(2,1,15);
/*!40000 ALTER TABLE `chat_reads` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `chats`
--

DROP TABLE IF EXISTS `chats`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `chats` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `channel_id` bigint(20) unsigned NOT NULL,
  `follower_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned DEFAULT NULL,
  `operator_id` bigint(20) unsigned DEFAULT NULL,
  `offer_user_id` bigint(20) unsigned DEFAULT NULL,
  `offer_until` datetime DEFAULT NULL,
  `state` enum('waiting','missed','active','closed','bot') NOT NULL DEFAULT 'waiting',
  `close_reason` enum('missed_timeout','idle_timeout','window_expired','profanity','unfollowed','operator','transfer') DEFAULT NULL,
  `started_at` datetime NOT NULL,
  `last_user_msg_at` datetime NOT NULL,
  `last_in_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `last_activity_at` datetime NOT NULL,
  `state_since` datetime DEFAULT NULL,
  `closed_at` datetime DEFAULT NULL,
  `closed_by` bigint(20) unsigned DEFAULT NULL,
  `answered_at` datetime DEFAULT NULL,
  `consecutive_out` int(11) NOT NULL DEFAULT 0,
  `bot_misses` tinyint(3) unsigned NOT NULL DEFAULT 0,
  `messages_in` int(11) NOT NULL DEFAULT 0,
  `abusive_count` int(11) NOT NULL DEFAULT 0,
  `previous_chat_id` bigint(20) unsigned DEFAULT NULL,
  `open_follower` bigint(20) unsigned GENERATED ALWAYS AS (if(`state` <> 'closed',`follower_id`,NULL)) STORED,
  `profanity_warning` enum('none','due','sent','skipped') NOT NULL DEFAULT 'none',
  `idle_since` datetime GENERATED ALWAYS AS (if(`state` in ('active','bot'),`last_activity_at`,NULL)) STORED,
  `csat_state` enum('due','asked','skipped','rated') DEFAULT NULL,
  `csat_asked_at` datetime DEFAULT NULL,
  `csat_rating` tinyint(3) unsigned DEFAULT NULL,
  `after_hours` tinyint(3) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_chats_open` (`open_follower`),
  KEY `ix_chats_follower` (`follower_id`,`started_at`),
  KEY `ix_chats_queue` (`state`,`department_id`,`started_at`),
  KEY `fk_chats_department` (`department_id`),
  KEY `fk_chats_operator` (`operator_id`),
  KEY `fk_chats_previous` (`previous_chat_id`),
  KEY `ix_chats_state_started` (`state`,`started_at`),
  KEY `ix_chats_state_operator` (`state`,`operator_id`),
  KEY `ix_chats_warning` (`profanity_warning`),
  KEY `ix_chats_timer_state` (`state`,`channel_id`,`state_since`),
  KEY `ix_chats_timer_idle` (`channel_id`,`idle_since`),
  KEY `fk_chats_closed_by` (`closed_by`),
  KEY `ix_chats_offer` (`offer_user_id`),
  KEY `ix_chats_offer_until` (`offer_until`),
  KEY `ix_chats_csat` (`csat_state`,`closed_at`),
  KEY `ix_chats_closed` (`closed_at`),
  CONSTRAINT `fk_chats_channel` FOREIGN KEY (`channel_id`) REFERENCES `channels` (`id`),
  CONSTRAINT `fk_chats_closed_by` FOREIGN KEY (`closed_by`) REFERENCES `users` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_chats_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_chats_follower` FOREIGN KEY (`follower_id`) REFERENCES `followers` (`id`),
  CONSTRAINT `fk_chats_offer_user` FOREIGN KEY (`offer_user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_chats_operator` FOREIGN KEY (`operator_id`) REFERENCES `users` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_chats_previous` FOREIGN KEY (`previous_chat_id`) REFERENCES `chats` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `chats`
--

LOCK TABLES `chats` WRITE;
/*!40000 ALTER TABLE `chats` DISABLE KEYS */;
INSERT INTO `chats` VALUES
(1,1,1,1,2,NULL,NULL,'closed','operator','2026-11-28 17:03:27','2026-11-28 17:03:27',8,'2026-11-28 17:03:35','2026-11-28 17:03:35','2026-11-28 17:03:35',2,'2026-11-28 17:03:35',1,0,3,0,NULL,NULL,'none',NULL,NULL,NULL,NULL,0),
(2,1,4,1,NULL,NULL,NULL,'waiting',NULL,'2026-11-28 17:03:27','2026-11-28 17:03:27',11,'2026-11-28 17:03:27','2026-11-28 17:03:27',NULL,NULL,NULL,0,0,1,0,NULL,4,'none',NULL,NULL,NULL,NULL,0);
/*!40000 ALTER TABLE `chats` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`wxdesk`@`localhost`*/ /*!50003 TRIGGER report_chats_ai AFTER INSERT ON chats FOR EACH ROW
BEGIN
  CALL report_add('chat_started', NEW.started_at, NEW.channel_id, NEW.department_id,
    NEW.operator_id, NEW.id, NULL, '');
END 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`wxdesk`@`localhost`*/ /*!50003 TRIGGER report_chats_au AFTER UPDATE ON chats FOR EACH ROW
BEGIN
  IF NEW.state <> OLD.state THEN
    IF NEW.state = 'active' AND OLD.state IN ('waiting', 'missed') THEN
      CALL report_add('picked_up', NEW.state_since, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND,
        IF(OLD.state = 'waiting', OLD.state_since, NEW.started_at), NEW.state_since), '');
    ELSEIF NEW.state = 'missed' THEN
      CALL report_add('missed', NEW.state_since, NEW.channel_id, NEW.department_id,
        NULL, NEW.id, TIMESTAMPDIFF(SECOND, OLD.state_since, NEW.state_since), '');
    ELSEIF NEW.state = 'closed' THEN
      CALL report_add('closed', NEW.closed_at, NEW.channel_id, NEW.department_id,
        NEW.operator_id, NEW.id, TIMESTAMPDIFF(SECOND, NEW.started_at, NEW.closed_at),
        NEW.close_reason);
    END IF;
  END IF;
  IF NEW.state <> 'closed' AND OLD.state <> 'closed' AND (NOT (NEW.department_id <=> OLD.department_id)
      OR (OLD.operator_id IS NOT NULL AND NOT (NEW.operator_id <=> OLD.operator_id))) THEN
    CALL report_add('transferred', NEW.state_since, NEW.channel_id, OLD.department_id,
      OLD.operator_id, NEW.id, NULL,
      IF(NEW.department_id <=> OLD.department_id, 'operator', 'department'));
  END IF;
END 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Table structure for table `department_members`
--

DROP TABLE IF EXISTS `department_members`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `department_members` (
  `department_id` bigint(20) unsigned NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL,
  `turn` bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`department_id`,`user_id`),
  KEY `ix_members_user` (`user_id`),
  CONSTRAINT `fk_members_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_members_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `department_members`
--

LOCK TABLES `department_members` WRITE;
/*!40000 ALTER TABLE `department_members` DISABLE KEYS */;
INSERT INTO `department_members` VALUES
(1,2,0),
(2,2,0);
/*!40000 ALTER TABLE `department_members` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `departments`
--

DROP TABLE IF EXISTS `departments`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `departments` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `brand_id` bigint(20) unsigned NOT NULL,
  `name` varchar(100) NOT NULL,
  `routing` enum('everyone','round_robin','least_busy') NOT NULL DEFAULT 'everyone',
  `chat_limit` smallint(5) unsigned DEFAULT NULL,
  `offer_seconds` smallint(5) unsigned NOT NULL DEFAULT 30,
  `rr_seq` bigint(20) unsigned NOT NULL DEFAULT 0,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_departments_brand_name` (`brand_id`,`name`),
  CONSTRAINT `fk_departments_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `departments`
--

LOCK TABLES `departments` WRITE;
/*!40000 ALTER TABLE `departments` DISABLE KEYS */;
INSERT INTO `departments` VALUES
(1,1,'Sales','everyone',NULL,30,0,'2026-11-28 17:03:23'),
(2,1,'Support','everyone',NULL,30,0,'2026-11-28 17:03:23');
/*!40000 ALTER TABLE `departments` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `followers`
--

DROP TABLE IF EXISTS `followers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `followers` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `channel_id` bigint(20) unsigned NOT NULL,
  `openid` varchar(64) NOT NULL,
  `unionid` varchar(64) DEFAULT NULL,
  `subscribed` tinyint(1) NOT NULL DEFAULT 1,
  `subscribed_at` datetime DEFAULT NULL,
  `unsubscribed_at` datetime DEFAULT NULL,
  `subscribe_scene` varchar(64) DEFAULT NULL,
  `qr_scene` varchar(128) DEFAULT NULL,
  `language` varchar(16) DEFAULT NULL,
  `alias` varchar(100) DEFAULT NULL,
  `info_due` tinyint(1) NOT NULL DEFAULT 1,
  `info_fetched_at` datetime DEFAULT NULL,
  `erased` tinyint(1) NOT NULL DEFAULT 0,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_followers_openid` (`channel_id`,`openid`),
  KEY `ix_followers_info` (`info_due`,`channel_id`),
  CONSTRAINT `fk_followers_channel` FOREIGN KEY (`channel_id`) REFERENCES `channels` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=6 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `followers`
--

LOCK TABLES `followers` WRITE;
/*!40000 ALTER TABLE `followers` DISABLE KEYS */;
INSERT INTO `followers` VALUES
(1,1,'oUpgrade01',NULL,1,'2026-11-28 17:03:27',NULL,'ADD_SCENE_QR_CODE',NULL,'zh_CN',NULL,0,'2026-11-28 17:03:29',0,'2026-11-28 17:03:27'),
(4,1,'oUpgrade02',NULL,1,'2026-11-28 17:03:27',NULL,'ADD_SCENE_QR_CODE',NULL,'zh_CN',NULL,0,'2026-11-28 17:03:29',0,'2026-11-28 17:03:27');
/*!40000 ALTER TABLE `followers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `load_sampler`
--

DROP TABLE IF EXISTS `load_sampler`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `load_sampler` (
  `id` tinyint(3) unsigned NOT NULL,
  `sampled_at` datetime NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `load_sampler`
--

LOCK TABLES `load_sampler` WRITE;
/*!40000 ALTER TABLE `load_sampler` DISABLE KEYS */;
INSERT INTO `load_sampler` VALUES
(1,'2026-11-28 17:03:00');
/*!40000 ALTER TABLE `load_sampler` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `load_samples`
--

DROP TABLE IF EXISTS `load_samples`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `load_samples` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `at` datetime NOT NULL,
  `department_id` bigint(20) unsigned DEFAULT NULL,
  `user_id` bigint(20) unsigned DEFAULT NULL,
  `waiting` int(10) unsigned NOT NULL DEFAULT 0,
  `longest_wait` int(10) unsigned NOT NULL DEFAULT 0,
  `in_hand` int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `ix_load_samples_at` (`at`),
  KEY `ix_load_samples_dept` (`department_id`,`at`),
  KEY `ix_load_samples_user` (`user_id`,`at`),
  CONSTRAINT `fk_load_samples_dept` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_load_samples_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `load_samples`
--

LOCK TABLES `load_samples` WRITE;
/*!40000 ALTER TABLE `load_samples` DISABLE KEYS */;
/*!40000 ALTER TABLE `load_samples` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `messages`
--

DROP TABLE IF EXISTS `messages`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `messages` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `channel_id` bigint(20) unsigned NOT NULL,
  `follower_id` bigint(20) unsigned NOT NULL,
  `chat_id` bigint(20) unsigned DEFAULT NULL,
  `direction` enum('in','out','system') NOT NULL,
  `msg_type` varchar(32) NOT NULL,
  `event` varchar(32) DEFAULT NULL,
  `event_key` varchar(2048) DEFAULT NULL,
  `body` mediumtext DEFAULT NULL,
  `fields` mediumtext DEFAULT NULL,
  `wx_msg_id` varchar(32) DEFAULT NULL,
  `wx_create_time` bigint(20) DEFAULT NULL,
  `dedupe_key` varchar(190) NOT NULL,
  `push_ts` bigint(20) DEFAULT NULL,
  `push_nonce` varchar(64) DEFAULT NULL,
  `media_id` varchar(512) DEFAULT NULL,
  `thumb_media_id` varchar(512) DEFAULT NULL,
  `media_state` enum('none','due','fetched','failed') NOT NULL DEFAULT 'none',
  `media_attempts` int(11) NOT NULL DEFAULT 0,
  `media_next_at` datetime DEFAULT NULL,
  `media_error` varchar(255) DEFAULT NULL,
  `attachment_id` bigint(20) unsigned DEFAULT NULL,
  `author_id` bigint(20) unsigned DEFAULT NULL,
  `delivery_state` enum('sending','delivered','failed') DEFAULT NULL,
  `wx_errcode` int(11) DEFAULT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_messages_dedupe` (`channel_id`,`dedupe_key`),
  UNIQUE KEY `uq_messages_push` (`channel_id`,`push_ts`,`push_nonce`),
  KEY `ix_messages_chat` (`chat_id`,`id`),
  KEY `ix_messages_follower` (`follower_id`,`id`),
  KEY `ix_messages_media` (`media_state`,`media_next_at`),
  KEY `fk_messages_attachment` (`attachment_id`),
  CONSTRAINT `fk_messages_attachment` FOREIGN KEY (`attachment_id`) REFERENCES `attachments` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_messages_channel` FOREIGN KEY (`channel_id`) REFERENCES `channels` (`id`),
  CONSTRAINT `fk_messages_chat` FOREIGN KEY (`chat_id`) REFERENCES `chats` (`id`),
  CONSTRAINT `fk_messages_follower` FOREIGN KEY (`follower_id`) REFERENCES `followers` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=17 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `messages`
--

LOCK TABLES `messages` WRITE;
/*!40000 ALTER TABLE `messages` DISABLE KEYS */;
INSERT INTO `messages` VALUES
(1,1,1,NULL,'in','event','subscribe','',NULL,'{\"ToUserName\":\"gh_13cda9d3aa10\",\"FromUserName\":\"oUpgrade01\",\"CreateTime\":\"1795885407\",\"MsgType\":\"event\",\"Event\":\"subscribe\",\"EventKey\":\"\"}',NULL,1795885407,'e:oUpgrade01:1795885407:subscribe',1795885407,'1209225894',NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(2,1,1,NULL,'out','text',NULL,NULL,'欢迎关注 Demo！回复“菜单”查看服务，回复“人工”联系客服。\nWelcome to Demo! Reply \"menu\" for what we can do, or \"agent\" for a person.','{\"bot\": 1}',NULL,NULL,'b:1',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,'delivered',NULL,'2026-11-28 17:03:27'),
(3,1,1,1,'in','text',NULL,NULL,'你好','{\"ToUserName\":\"gh_13cda9d3aa10\",\"FromUserName\":\"oUpgrade01\",\"CreateTime\":\"1795885407\",\"MsgType\":\"text\",\"Content\":\"你好\",\"MsgId\":\"3527496700859196751\"}','3527496700859196751',1795885407,'m:3527496700859196751',1795885407,'640778945',NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(4,1,1,1,'out','text',NULL,NULL,'抱歉，我没有理解您的意思。您可以换个说法，或回复“人工”联系客服。','{\"bot\": 1}',NULL,NULL,'b:3',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,'delivered',NULL,'2026-11-28 17:03:27'),
(5,1,1,1,'in','text',NULL,NULL,'人工','{\"ToUserName\":\"gh_13cda9d3aa10\",\"FromUserName\":\"oUpgrade01\",\"CreateTime\":\"1795885407\",\"MsgType\":\"text\",\"Content\":\"人工\",\"MsgId\":\"6501293607058296504\"}','6501293607058296504',1795885407,'m:6501293607058296504',1795885407,'958995841',NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(6,1,1,1,'system','system','bot_handoff',NULL,'The follower asked for a person: the chatbot handed the chat to the operators.','{\"note\":\"note.bot_asked\"}',NULL,0,'s:1:bot_handoff:1443f89963c564da',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(7,1,1,1,'out','text',NULL,NULL,'好的，正在为您转接人工客服，请稍候。','{\"bot\": 1}',NULL,NULL,'b:5',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,'delivered',NULL,'2026-11-28 17:03:27'),
(8,1,1,1,'in','image',NULL,NULL,NULL,'{\"ToUserName\":\"gh_13cda9d3aa10\",\"FromUserName\":\"oUpgrade01\",\"CreateTime\":\"1795885407\",\"MsgType\":\"image\",\"PicUrl\":\"http://mmbiz.qpic.cn/sim\",\"MediaId\":\"image_B5eUSVQhy2IGOYZWHjG0zPZXMWjlCE9gF5cuxTG0HL38eIPx\",\"MsgId\":\"4053528362254740239\"}','4053528362254740239',1795885407,'m:4053528362254740239',1795885407,'331219329','image_B5eUSVQhy2IGOYZWHjG0zPZXMWjlCE9gF5cuxTG0HL38eIPx',NULL,'fetched',1,'2026-11-28 17:04:29',NULL,1,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(9,1,4,NULL,'in','event','subscribe','',NULL,'{\"ToUserName\":\"gh_13cda9d3aa10\",\"FromUserName\":\"oUpgrade02\",\"CreateTime\":\"1795885407\",\"MsgType\":\"event\",\"Event\":\"subscribe\",\"EventKey\":\"\"}',NULL,1795885407,'e:oUpgrade02:1795885407:subscribe',1795885407,'2139415402',NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(10,1,4,NULL,'out','text',NULL,NULL,'欢迎关注 Demo！回复“菜单”查看服务，回复“人工”联系客服。\nWelcome to Demo! Reply \"menu\" for what we can do, or \"agent\" for a person.','{\"bot\": 1}',NULL,NULL,'b:9',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,'delivered',NULL,'2026-11-28 17:03:27'),
(11,1,4,2,'in','text',NULL,NULL,'人工','{\"ToUserName\":\"gh_13cda9d3aa10\",\"FromUserName\":\"oUpgrade02\",\"CreateTime\":\"1795885407\",\"MsgType\":\"text\",\"Content\":\"人工\",\"MsgId\":\"9724128606360373729\"}','9724128606360373729',1795885407,'m:9724128606360373729',1795885407,'435983543',NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(12,1,4,2,'system','system','bot_handoff',NULL,'The follower asked for a person: the chatbot handed the chat to the operators.','{\"note\":\"note.bot_asked\"}',NULL,0,'s:2:bot_handoff:e1cb228d5a5783f8',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:27'),
(13,1,4,2,'out','text',NULL,NULL,'好的，正在为您转接人工客服，请稍候。','{\"bot\": 1}',NULL,NULL,'b:11',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,'delivered',NULL,'2026-11-28 17:03:27'),
(14,1,1,1,'system','system','picked_up',NULL,'Demo Operator picked the chat up.','{\"note\":\"note.picked_up\",\"v0\":\"Demo Operator\"}',NULL,0,'s:1:picked_up:db9e5387a5e03965',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:35'),
(15,1,1,1,'out','text',NULL,NULL,'您好，我来帮您查询。',NULL,NULL,NULL,'o:729da7975db866e379d433e5adf728a5',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,2,'delivered',NULL,'2026-11-28 17:03:35'),
(16,1,1,1,'system','system','closed',NULL,'Demo Operator closed the chat.','{\"note\":\"note.operator_closed\",\"v0\":\"Demo Operator\"}',NULL,0,'s:1:closed',NULL,NULL,NULL,NULL,'none',0,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-28 17:03:35');
/*!40000 ALTER TABLE `messages` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`wxdesk`@`localhost`*/ /*!50003 TRIGGER report_messages_au AFTER UPDATE ON messages FOR EACH ROW
BEGIN
  IF NEW.direction = 'out' AND NEW.chat_id IS NOT NULL
      AND NOT (NEW.delivery_state <=> OLD.delivery_state) THEN
    IF NEW.delivery_state = 'delivered' THEN
      CALL report_out(NEW.chat_id, NEW.created_at, NEW.author_id);
    ELSEIF NEW.delivery_state = 'failed' THEN
      CALL report_add('delivery_failed', NEW.created_at, NEW.channel_id,
        (SELECT department_id FROM chats WHERE id = NEW.chat_id), NEW.author_id,
        NEW.chat_id, NULL, IFNULL(NEW.wx_errcode, ''));
    END IF;
  END IF;
END 
*/;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Table structure for table `offers`
--

DROP TABLE IF EXISTS `offers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `offers` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `chat_id` bigint(20) unsigned NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned DEFAULT NULL,
  `offered_at` datetime NOT NULL,
  `outcome` enum('accepted','declined','timeout','withdrawn') DEFAULT NULL,
  `ended_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_offers_chat` (`chat_id`,`user_id`),
  KEY `ix_offers_user` (`user_id`,`offered_at`),
  KEY `ix_offers_open` (`outcome`),
  KEY `ix_offers_at` (`offered_at`),
  KEY `fk_offers_department` (`department_id`),
  CONSTRAINT `fk_offers_chat` FOREIGN KEY (`chat_id`) REFERENCES `chats` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_offers_department` FOREIGN KEY (`department_id`) REFERENCES `departments` (`id`) ON DELETE SET NULL,
  CONSTRAINT `fk_offers_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `offers`
--

LOCK TABLES `offers` WRITE;
/*!40000 ALTER TABLE `offers` DISABLE KEYS */;
/*!40000 ALTER TABLE `offers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `presence_log`
--

DROP TABLE IF EXISTS `presence_log`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `presence_log` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) unsigned NOT NULL,
  `presence` enum('available','busy','away') NOT NULL,
  `why` enum('set','sign_in','sign_out','idle') NOT NULL,
  `at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_presence_log_user` (`user_id`,`at`),
  KEY `ix_presence_log_at` (`at`),
  CONSTRAINT `fk_presence_log_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=2 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `presence_log`
--

LOCK TABLES `presence_log` WRITE;
/*!40000 ALTER TABLE `presence_log` DISABLE KEYS */;
INSERT INTO `presence_log` VALUES
(1,2,'available','sign_in','2026-11-28 17:03:35');
/*!40000 ALTER TABLE `presence_log` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `profanity_settings`
--

DROP TABLE IF EXISTS `profanity_settings`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `profanity_settings` (
  `brand_id` bigint(20) unsigned NOT NULL,
  `enabled` tinyint(1) NOT NULL DEFAULT 0,
  `word_limit` int(11) NOT NULL DEFAULT 3,
  `warning` varchar(600) DEFAULT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`brand_id`),
  CONSTRAINT `fk_profanity_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `profanity_settings`
--

LOCK TABLES `profanity_settings` WRITE;
/*!40000 ALTER TABLE `profanity_settings` DISABLE KEYS */;
/*!40000 ALTER TABLE `profanity_settings` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `profanity_words`
--

DROP TABLE IF EXISTS `profanity_words`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `profanity_words` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `brand_id` bigint(20) unsigned NOT NULL,
  `word` varchar(64) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_profanity_word` (`brand_id`,`word`),
  CONSTRAINT `fk_profanity_words_brand` FOREIGN KEY (`brand_id`) REFERENCES `brands` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `profanity_words`
--

LOCK TABLES `profanity_words` WRITE;
/*!40000 ALTER TABLE `profanity_words` DISABLE KEYS */;
/*!40000 ALTER TABLE `profanity_words` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `report_day_bins`
--

DROP TABLE IF EXISTS `report_day_bins`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_day_bins` (
  `day` date NOT NULL,
  `kind` enum('picked_up','first_response','closed') NOT NULL,
  `brand_id` bigint(20) unsigned NOT NULL,
  `channel_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned NOT NULL,
  `operator_id` bigint(20) unsigned NOT NULL,
  `vbin` int(11) NOT NULL,
  `n` bigint(20) NOT NULL,
  PRIMARY KEY (`day`,`kind`,`brand_id`,`channel_id`,`department_id`,`operator_id`,`vbin`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_day_bins`
--

LOCK TABLES `report_day_bins` WRITE;
/*!40000 ALTER TABLE `report_day_bins` DISABLE KEYS */;
INSERT INTO `report_day_bins` VALUES
('2026-11-28','picked_up',1,1,1,2,8,1),
('2026-11-28','first_response',1,1,1,2,8,1),
('2026-11-28','closed',1,1,1,2,8,1);
/*!40000 ALTER TABLE `report_day_bins` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `report_day_counts`
--

DROP TABLE IF EXISTS `report_day_counts`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_day_counts` (
  `day` date NOT NULL,
  `kind` enum('chat_started','picked_up','first_response','missed','closed','transferred','message_in','message_out','delivery_failed','follow','unfollow') NOT NULL,
  `brand_id` bigint(20) unsigned NOT NULL,
  `channel_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned NOT NULL,
  `operator_id` bigint(20) unsigned NOT NULL,
  `detail` varchar(64) NOT NULL,
  `n` bigint(20) NOT NULL,
  `total` bigint(20) NOT NULL,
  PRIMARY KEY (`day`,`kind`,`brand_id`,`channel_id`,`department_id`,`operator_id`,`detail`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_day_counts`
--

LOCK TABLES `report_day_counts` WRITE;
/*!40000 ALTER TABLE `report_day_counts` DISABLE KEYS */;
INSERT INTO `report_day_counts` VALUES
('2026-11-28','chat_started',1,1,1,0,'',2,0),
('2026-11-28','picked_up',1,1,1,2,'',1,8),
('2026-11-28','first_response',1,1,1,2,'',1,8),
('2026-11-28','closed',1,1,1,2,'operator',1,8),
('2026-11-28','message_in',1,1,1,0,'',4,0),
('2026-11-28','message_out',1,1,1,2,'',1,0),
('2026-11-28','follow',1,1,0,0,'',2,0);
/*!40000 ALTER TABLE `report_day_counts` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `report_events`
--

DROP TABLE IF EXISTS `report_events`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_events` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `at` datetime NOT NULL,
  `kind` enum('chat_started','picked_up','first_response','missed','closed','transferred','message_in','message_out','delivery_failed','follow','unfollow') NOT NULL,
  `brand_id` bigint(20) unsigned NOT NULL,
  `channel_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `operator_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `chat_id` bigint(20) unsigned DEFAULT NULL,
  `message_id` bigint(20) unsigned DEFAULT NULL,
  `value` int(11) DEFAULT NULL,
  `vbin` int(11) NOT NULL DEFAULT -1,
  `detail` varchar(64) NOT NULL DEFAULT '',
  `rolled` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_report_events_message` (`message_id`),
  KEY `ix_report_events_rolled` (`rolled`)
) ENGINE=InnoDB AUTO_INCREMENT=16 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_events`
--

LOCK TABLES `report_events` WRITE;
/*!40000 ALTER TABLE `report_events` DISABLE KEYS */;
INSERT INTO `report_events` VALUES
(1,'2026-11-28 17:03:27','follow',1,1,0,0,NULL,NULL,NULL,-1,'',1),
(2,'2026-11-28 17:03:27','chat_started',1,1,1,0,1,NULL,NULL,-1,'',1),
(3,'2026-11-28 17:03:27','follow',1,1,0,0,NULL,NULL,NULL,-1,'',1),
(4,'2026-11-28 17:03:27','chat_started',1,1,1,0,2,NULL,NULL,-1,'',1),
(5,'2026-11-28 17:03:27','message_in',1,1,1,0,1,8,NULL,-1,'',1),
(6,'2026-11-28 17:03:27','message_in',1,1,1,0,2,11,NULL,-1,'',1),
(7,'2026-11-28 17:03:27','message_in',1,1,1,0,1,3,NULL,-1,'',1),
(8,'2026-11-28 17:03:27','message_in',1,1,1,0,1,5,NULL,-1,'',1),
(12,'2026-11-28 17:03:35','picked_up',1,1,1,2,1,NULL,8,8,'',1),
(13,'2026-11-28 17:03:35','message_out',1,1,1,2,1,NULL,NULL,-1,'',1),
(14,'2026-11-28 17:03:35','first_response',1,1,1,2,1,NULL,8,8,'',1),
(15,'2026-11-28 17:03:35','closed',1,1,1,2,1,NULL,8,8,'operator',1);
/*!40000 ALTER TABLE `report_events` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `report_hod_bins`
--

DROP TABLE IF EXISTS `report_hod_bins`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_hod_bins` (
  `span` enum('day','month') NOT NULL,
  `start` date NOT NULL,
  `hod` tinyint(3) unsigned NOT NULL,
  `kind` enum('picked_up','first_response','closed') NOT NULL,
  `brand_id` bigint(20) unsigned NOT NULL,
  `channel_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned NOT NULL,
  `vbin` int(11) NOT NULL,
  `n` bigint(20) NOT NULL,
  PRIMARY KEY (`span`,`start`,`hod`,`kind`,`brand_id`,`channel_id`,`department_id`,`vbin`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_hod_bins`
--

LOCK TABLES `report_hod_bins` WRITE;
/*!40000 ALTER TABLE `report_hod_bins` DISABLE KEYS */;
INSERT INTO `report_hod_bins` VALUES
('day','2026-11-28',17,'picked_up',1,1,1,8,1),
('day','2026-11-28',17,'first_response',1,1,1,8,1),
('day','2026-11-28',17,'closed',1,1,1,8,1),
('month','2026-11-01',17,'picked_up',1,1,1,8,1),
('month','2026-11-01',17,'first_response',1,1,1,8,1),
('month','2026-11-01',17,'closed',1,1,1,8,1);
/*!40000 ALTER TABLE `report_hod_bins` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `report_hod_counts`
--

DROP TABLE IF EXISTS `report_hod_counts`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_hod_counts` (
  `span` enum('day','month') NOT NULL,
  `start` date NOT NULL,
  `hod` tinyint(3) unsigned NOT NULL,
  `kind` enum('chat_started','picked_up','first_response','missed','closed','transferred','message_in','message_out','delivery_failed','follow','unfollow') NOT NULL,
  `brand_id` bigint(20) unsigned NOT NULL,
  `channel_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned NOT NULL,
  `detail` varchar(64) NOT NULL,
  `n` bigint(20) NOT NULL,
  `total` bigint(20) NOT NULL,
  PRIMARY KEY (`span`,`start`,`hod`,`kind`,`brand_id`,`channel_id`,`department_id`,`detail`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_hod_counts`
--

LOCK TABLES `report_hod_counts` WRITE;
/*!40000 ALTER TABLE `report_hod_counts` DISABLE KEYS */;
INSERT INTO `report_hod_counts` VALUES
('day','2026-11-28',17,'chat_started',1,1,1,'',2,0),
('day','2026-11-28',17,'picked_up',1,1,1,'',1,8),
('day','2026-11-28',17,'first_response',1,1,1,'',1,8),
('day','2026-11-28',17,'closed',1,1,1,'operator',1,8),
('day','2026-11-28',17,'message_in',1,1,1,'',4,0),
('day','2026-11-28',17,'message_out',1,1,1,'',1,0),
('day','2026-11-28',17,'follow',1,1,0,'',2,0),
('month','2026-11-01',17,'chat_started',1,1,1,'',2,0),
('month','2026-11-01',17,'picked_up',1,1,1,'',1,8),
('month','2026-11-01',17,'first_response',1,1,1,'',1,8),
('month','2026-11-01',17,'closed',1,1,1,'operator',1,8),
('month','2026-11-01',17,'message_in',1,1,1,'',4,0),
('month','2026-11-01',17,'message_out',1,1,1,'',1,0),
('month','2026-11-01',17,'follow',1,1,0,'',2,0);
/*!40000 ALTER TABLE `report_hod_counts` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `report_hours`
--

DROP TABLE IF EXISTS `report_hours`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_hours` (
  `hour` datetime NOT NULL,
  `kind` enum('chat_started','picked_up','first_response','missed','closed','transferred','message_in','message_out','delivery_failed','follow','unfollow') NOT NULL,
  `brand_id` bigint(20) unsigned NOT NULL,
  `channel_id` bigint(20) unsigned NOT NULL,
  `department_id` bigint(20) unsigned NOT NULL,
  `operator_id` bigint(20) unsigned NOT NULL,
  `detail` varchar(64) NOT NULL,
  `vbin` int(11) NOT NULL,
  `n` bigint(20) NOT NULL,
  `total` bigint(20) NOT NULL,
  PRIMARY KEY (`kind`,`hour`,`brand_id`,`channel_id`,`department_id`,`operator_id`,`detail`,`vbin`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_hours`
--

LOCK TABLES `report_hours` WRITE;
/*!40000 ALTER TABLE `report_hours` DISABLE KEYS */;
INSERT INTO `report_hours` VALUES
('2026-11-28 17:00:00','chat_started',1,1,1,0,'',-1,2,0),
('2026-11-28 17:00:00','picked_up',1,1,1,2,'',8,1,8),
('2026-11-28 17:00:00','first_response',1,1,1,2,'',8,1,8),
('2026-11-28 17:00:00','closed',1,1,1,2,'operator',8,1,8),
('2026-11-28 17:00:00','message_in',1,1,1,0,'',-1,4,0),
('2026-11-28 17:00:00','message_out',1,1,1,2,'',-1,1,0),
('2026-11-28 17:00:00','follow',1,1,0,0,'',-1,2,0);
/*!40000 ALTER TABLE `report_hours` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Temporary table structure for view `report_pending`
--

DROP TABLE IF EXISTS `report_pending`;
/*!50001 DROP VIEW IF EXISTS `report_pending`*/;
SET @saved_cs_client     = @@character_set_client;
SET character_set_client = utf8mb4;
/*!50001 CREATE VIEW `report_pending` AS SELECT
 NULL AS `at`,
 NULL AS `kind`,
 NULL AS `brand_id`,
 NULL AS `channel_id`,
 NULL AS `department_id`,
 NULL AS `operator_id`,
 NULL AS `chat_id`,
 NULL AS `value`,
 NULL AS `vbin`,
 NULL AS `detail`,
 NULL AS `rolled` */;
SET character_set_client = @saved_cs_client;

--
-- Table structure for table `report_state`
--

DROP TABLE IF EXISTS `report_state`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `report_state` (
  `id` tinyint(3) unsigned NOT NULL,
  `zone` varchar(64) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `report_state`
--

LOCK TABLES `report_state` WRITE;
/*!40000 ALTER TABLE `report_state` DISABLE KEYS */;
INSERT INTO `report_state` VALUES
(1,'UTC');
/*!40000 ALTER TABLE `report_state` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `schema_migrations`
--

DROP TABLE IF EXISTS `schema_migrations`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `schema_migrations` (
  `version` int(11) NOT NULL,
  `name` varchar(200) NOT NULL,
  `applied_at` datetime NOT NULL,
  PRIMARY KEY (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `schema_migrations`
--

LOCK TABLES `schema_migrations` WRITE;
/*!40000 ALTER TABLE `schema_migrations` DISABLE KEYS */;
INSERT INTO `schema_migrations` VALUES
(1,'001_core.sql','2026-11-28 17:03:22'),
(2,'002_wechat.sql','2026-11-28 17:03:22'),
(3,'003_channel_setup.sql','2026-11-28 17:03:22'),
(4,'004_console.sql','2026-11-28 17:03:22'),
(5,'005_profanity.sql','2026-11-28 17:03:22'),
(6,'006_timers.sql','2026-11-28 17:03:22'),
(7,'007_idle_index.sql','2026-11-28 17:03:22'),
(8,'008_reports.sql','2026-11-28 17:03:22'),
(9,'009_report_levels.sql','2026-11-28 17:03:22'),
(10,'010_hot_path.sql','2026-11-28 17:03:22'),
(11,'011_push_checks.sql','2026-11-28 17:03:22'),
(12,'012_chat_fold.sql','2026-11-28 17:03:22'),
(13,'013_message_in_fold.sql','2026-11-28 17:03:22'),
(14,'014_follow_events.sql','2026-11-28 17:03:22'),
(15,'015_languages.sql','2026-11-28 17:03:22'),
(16,'016_chat_reads.sql','2026-11-28 17:03:22'),
(17,'017_presence_routing.sql','2026-11-28 17:03:22'),
(18,'018_bot.sql','2026-11-28 17:03:22'),
(19,'019_csat.sql','2026-11-28 17:03:22'),
(20,'020_business_hours.sql','2026-11-28 17:03:22'),
(21,'021_bot_pictures.sql','2026-11-28 17:03:22'),
(22,'022_workers.sql','2026-11-28 17:03:22');
/*!40000 ALTER TABLE `schema_migrations` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `sessions`
--

DROP TABLE IF EXISTS `sessions`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `sessions` (
  `id_hash` char(64) NOT NULL,
  `user_id` bigint(20) unsigned NOT NULL,
  `csrf` char(64) NOT NULL,
  `created_at` datetime NOT NULL,
  `last_seen` datetime NOT NULL,
  `flash` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id_hash`),
  KEY `ix_sessions_user` (`user_id`),
  KEY `ix_sessions_seen` (`last_seen`),
  CONSTRAINT `fk_sessions_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `sessions`
--

LOCK TABLES `sessions` WRITE;
/*!40000 ALTER TABLE `sessions` DISABLE KEYS */;
INSERT INTO `sessions` VALUES
('87e35dc9264819a2de56d6d37103c5804febc99294fb326c8997ce39678cc9ed',2,'898a5f9629319f68c7fbd2a78d08945c0d2939350c703bb6d936f5dd667d3bac','2026-11-28 17:03:34','2026-11-28 17:03:34','Chat closed.');
/*!40000 ALTER TABLE `sessions` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `users`
--

DROP TABLE IF EXISTS `users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `users` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `login` varchar(64) NOT NULL,
  `name` varchar(100) NOT NULL,
  `role` enum('operator','supervisor','admin') NOT NULL,
  `language` varchar(8) DEFAULT NULL,
  `presence` enum('available','busy','away') NOT NULL DEFAULT 'away',
  `presence_since` datetime DEFAULT NULL,
  `console_seen_at` datetime DEFAULT NULL,
  `chat_limit` smallint(5) unsigned NOT NULL DEFAULT 5,
  `offer_seq` bigint(20) unsigned NOT NULL DEFAULT 0,
  `pw_hash` varchar(200) NOT NULL,
  `disabled` tinyint(1) NOT NULL DEFAULT 0,
  `failed_logins` int(11) NOT NULL DEFAULT 0,
  `last_failed_at` datetime DEFAULT NULL,
  `locked_until` datetime DEFAULT NULL,
  `created_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_users_login` (`login`),
  KEY `ix_users_name` (`name`),
  KEY `ix_users_presence` (`presence`,`console_seen_at`)
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `users`
--

LOCK TABLES `users` WRITE;
/*!40000 ALTER TABLE `users` DISABLE KEYS */;
INSERT INTO `users` VALUES
(1,'admin','Demo Admin','admin',NULL,'away',NULL,NULL,5,0,'pbkdf2-sha256$600000$65b98e17ad877a45b49757827c4bbe39$9fe5a11a46675edd31784ce9be0870ed90ba134cea36877222a38e9cc386a402',0,0,NULL,NULL,'2026-11-28 17:03:22'),
(2,'operator','Demo Operator','operator',NULL,'available','2026-11-28 17:03:35','2026-11-28 17:03:34',5,0,'pbkdf2-sha256$600000$b50caab1936830d84713ba7fce697e73$f7ad78842095efa0638d9eb54f8b7b88862fdd9263ce85647963051dd7307dc6',0,0,'2026-11-28 17:03:34',NULL,'2026-11-28 17:03:23');
/*!40000 ALTER TABLE `users` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `workers`
--

DROP TABLE IF EXISTS `workers`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `workers` (
  `name` varchar(100) NOT NULL,
  `seen_at` datetime NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `workers`
--

LOCK TABLES `workers` WRITE;
/*!40000 ALTER TABLE `workers` DISABLE KEYS */;
INSERT INTO `workers` VALUES
('vm','2026-11-28 17:03:43');
/*!40000 ALTER TABLE `workers` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping routines for database 'wxdesk'
--
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP FUNCTION IF EXISTS `report_vbin` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
DELIMITER ;;
CREATE DEFINER=`wxdesk`@`localhost` FUNCTION `report_vbin`(v INT) RETURNS int(11)
    NO SQL
    DETERMINISTIC
RETURN CASE WHEN v IS NULL THEN -1 WHEN v < 0 THEN 0 WHEN v < 120 THEN v
  WHEN v < 1200 THEN v - v MOD 10 WHEN v < 7200 THEN v - v MOD 60
  WHEN v < 86400 THEN v - v MOD 600 ELSE v - v MOD 3600 END
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `report_add` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
DELIMITER ;;
CREATE DEFINER=`wxdesk`@`localhost` PROCEDURE `report_add`(p_kind VARCHAR(20), p_at DATETIME, p_channel BIGINT UNSIGNED,
  p_department BIGINT UNSIGNED, p_operator BIGINT UNSIGNED, p_chat BIGINT UNSIGNED,
  p_value INT, p_detail VARCHAR(64))
    MODIFIES SQL DATA
BEGIN
  INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
    chat_id, value, vbin, detail)
  SELECT p_at, p_kind, ch.brand_id, p_channel, IFNULL(p_department, 0),
    IFNULL(p_operator, 0), p_chat, p_value, report_vbin(p_value), IFNULL(p_detail, '')
  FROM channels ch WHERE ch.id = p_channel;
END
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_ALL_TABLES,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
/*!50003 DROP PROCEDURE IF EXISTS `report_out` */;
/*!50003 SET @saved_cs_client      = @@character_set_client */ ;
/*!50003 SET @saved_cs_results     = @@character_set_results */ ;
/*!50003 SET @saved_col_connection = @@collation_connection */ ;
/*!50003 SET character_set_client  = utf8mb4 */ ;
/*!50003 SET character_set_results = utf8mb4 */ ;
/*!50003 SET collation_connection  = utf8mb4_general_ci */ ;
DELIMITER ;;
CREATE DEFINER=`wxdesk`@`localhost` PROCEDURE `report_out`(p_chat BIGINT UNSIGNED, p_at DATETIME, p_author BIGINT UNSIGNED)
    MODIFIES SQL DATA
BEGIN
  DECLARE v_channel BIGINT UNSIGNED;
  DECLARE v_department BIGINT UNSIGNED;
  DECLARE v_started DATETIME;
  SELECT channel_id, department_id, started_at INTO v_channel, v_department, v_started
    FROM chats WHERE id = p_chat;
  IF v_channel IS NOT NULL THEN
    CALL report_add('message_out', p_at, v_channel, v_department, p_author, p_chat, NULL, '');
    IF p_author IS NOT NULL THEN
      UPDATE chats SET answered_at = p_at WHERE id = p_chat AND answered_at IS NULL;
      IF ROW_COUNT() = 1 THEN
        CALL report_add('first_response', p_at, v_channel, v_department, p_author, p_chat,
          TIMESTAMPDIFF(SECOND, v_started, p_at), '');
      END IF;
    END IF;
  END IF;
END
;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
/*!50003 SET character_set_results = @saved_cs_results */ ;
/*!50003 SET collation_connection  = @saved_col_connection */ ;

--
-- Current Database: `wxdesk`
--

USE `wxdesk`;

--
-- Final view structure for view `report_pending`
--

/*!50001 DROP VIEW IF EXISTS `report_pending`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 SET @saved_cs_results         = @@character_set_results */;
/*!50001 SET @saved_col_connection     = @@collation_connection */;
/*!50001 SET character_set_client      = utf8mb4 */;
/*!50001 SET character_set_results     = utf8mb4 */;
/*!50001 SET collation_connection      = utf8mb4_general_ci */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`wxdesk`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `report_pending` AS select `report_events`.`at` AS `at`,`report_events`.`kind` AS `kind`,`report_events`.`brand_id` AS `brand_id`,`report_events`.`channel_id` AS `channel_id`,`report_events`.`department_id` AS `department_id`,`report_events`.`operator_id` AS `operator_id`,`report_events`.`chat_id` AS `chat_id`,`report_events`.`value` AS `value`,`report_events`.`vbin` AS `vbin`,`report_events`.`detail` AS `detail`,`report_events`.`rolled` AS `rolled` from `report_events` where `report_events`.`rolled` = 0 union all select `m`.`created_at` AS `created_at`,'message_in' AS `message_in`,`ch`.`brand_id` AS `brand_id`,`m`.`channel_id` AS `channel_id`,ifnull(`c`.`department_id`,0) AS `IFNULL(c.department_id, 0)`,ifnull(`c`.`operator_id`,0) AS `IFNULL(c.operator_id, 0)`,`m`.`chat_id` AS `chat_id`,NULL AS `NULL`,-1 AS `-1`,'' AS `Name_exp_10`,0 AS `0` from ((`messages` `m` join `chats` `c` on(`c`.`id` = `m`.`chat_id`)) join `channels` `ch` on(`ch`.`id` = `m`.`channel_id`)) where `m`.`id` > (select greatest(`f`.`report_from`,if(`f`.`mark` > 5000,`f`.`mark` - 5000,0)) from `chat_fold` `f` where `f`.`id` = 1) and `m`.`direction` = 'in' and `m`.`msg_type` <> 'event' and !exists(select 1 from `report_events` `e` where `e`.`message_id` = `m`.`id` limit 1) */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!50001 SET character_set_results     = @saved_cs_results */;
/*!50001 SET collation_connection      = @saved_col_connection */;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on 2026-11-28 17:03:43
